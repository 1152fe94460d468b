/* variete-job-save.c
 *
 * Where a job's files land: each result as <YYYY-MM-DD>-<short id>-<n>.<ext> in the output
 * folder, one JSON sidecar per job, and the journal. Every write is atomic — a temporary file
 * in the same folder, synced, then renamed (or linked, where the name must be free) to its
 * name, and removed if anything fails, so that a full or read-only folder keeps no empty or
 * half file under a result's name — and runs in a GTask thread, together with the folder
 * creation and the choice of a free name.
 *
 * A name already taken is reused only when the file there is the same one — the same bytes
 * for a result, the same artwork id for a sidecar — which is what a resume after a crash finds
 * when a result was written but not yet recorded in the journal. Otherwise -2, -3 … is added.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-job"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "variete-job-private.h"
#include "variete-json.h"

#define SHORT_ID_LENGTH 8
#define MAX_NAME_TRIES 100

typedef enum
{
  WRITE_EXACT,    /* the journal: this very file, whatever it holds */
  WRITE_RESULT,   /* a result: a free name, or the same bytes */
  WRITE_SIDECAR,  /* the sidecar: a free name, or the sidecar of the same artwork */
} WriteKind;

typedef struct
{
  WriteKind   kind;
  GFile      *file;        /* WRITE_EXACT */
  GFile      *dir;         /* the others */
  char       *stem;
  const char *extension;
  GBytes     *bytes;
  char       *artwork_id;  /* WRITE_SIDECAR */
  guint       index;       /* WRITE_RESULT */
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *write = data;

  g_clear_object (&write->file);
  g_clear_object (&write->dir);
  g_clear_pointer (&write->stem, g_free);
  g_clear_pointer (&write->bytes, g_bytes_unref);
  g_clear_pointer (&write->artwork_id, g_free);
  g_free (write);
}

static gboolean
ensure_directory (GFile   *dir,
                  GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_make_directory_with_parents (dir, NULL, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

static gboolean
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", display, g_strerror (saved_errno));

  return FALSE;
}

static gboolean
write_all (int           fd,
           GBytes       *bytes,
           const char   *path,
           GError      **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  while (size > 0)
    {
      gssize n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        return set_error_from_errno (error, errno, path);

      data += n;
      size -= (gsize) n;
    }

  /* A result is on disk before it is shown as done (DESIGN.md, Nothing is lost). */
  if (fsync (fd) != 0 && errno != EINVAL)
    return set_error_from_errno (error, errno, path);

  return TRUE;
}

/* Puts the complete @temp at @target: over whatever is there, or, with @must_be_free, only
 * if nothing is (G_IO_ERROR_EXISTS otherwise). */
static gboolean
move_into_place (const char  *temp,
                 const char  *target,
                 gboolean     must_be_free,
                 GError     **error)
{
  if (!must_be_free)
    {
      if (g_rename (temp, target) != 0)
        return set_error_from_errno (error, errno, target);
      return TRUE;
    }

  /* link() fails where the name is taken, which rename() would not. */
  if (link (temp, target) == 0)
    {
      g_unlink (temp);
      return TRUE;
    }

  if (errno == EEXIST)
    return set_error_from_errno (error, errno, target);

  /* Some file systems (FAT, some FUSE ones) have no hard links. */
  if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP && errno != EMLINK &&
      errno != ENOSYS)
    return set_error_from_errno (error, errno, target);

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    return set_error_from_errno (error, EEXIST, target);

  if (g_rename (temp, target) != 0)
    return set_error_from_errno (error, errno, target);

  return TRUE;
}

/* Writes @bytes to @file by way of a temporary file next to it, which never outlives a
 * failure. */
static gboolean
write_atomically (GFile     *file,
                  GBytes    *bytes,
                  gboolean   private,
                  gboolean   must_be_free,
                  GError   **error)
{
  g_autofree char *target = g_file_get_path (file);
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  gboolean ok;
  int fd;

  if (target == NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      return g_file_replace_contents (file, data, size, NULL, FALSE,
                                      private ? G_FILE_CREATE_PRIVATE : G_FILE_CREATE_NONE,
                                      NULL, NULL, error);
    }

  dir = g_path_get_dirname (target);
  temp = g_build_filename (dir, VARIETE_JOB_TEMP_PREFIX "XXXXXX", NULL);

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, private ? 0600 : 0666);
  if (fd < 0)
    return set_error_from_errno (error, errno, target);

  ok = write_all (fd, bytes, target, error);

  /* close() may be where a network file system reports that the disk is full. */
  if (close (fd) != 0 && ok)
    ok = set_error_from_errno (error, errno, target);

  if (ok)
    ok = move_into_place (temp, target, must_be_free, error);

  if (!ok)
    g_unlink (temp);

  return ok;
}

static gboolean
sidecar_is_of (const char *contents,
               gsize       length,
               const char *artwork_id)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  const char *id;

  if (length > G_MAXSSIZE || !json_parser_load_from_data (parser, contents, (gssize) length, NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  id = variete_json_get_string (json_node_get_object (root), "artworkId");

  return id != NULL && g_strcmp0 (id, artwork_id) == 0;
}

/* Returns: (transfer full): where @write went */
static GFile *
write_in_free_file (WriteData  *write,
                    GError    **error)
{
  for (guint n = 1; n <= MAX_NAME_TRIES; n++)
    {
      g_autofree char *name = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize length;
      gboolean same;

      if (n == 1)
        name = g_strdup_printf ("%s.%s", write->stem, write->extension);
      else
        name = g_strdup_printf ("%s-%u.%s", write->stem, n, write->extension);

      file = g_file_get_child (write->dir, name);

      if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
            continue;

          if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }

          g_clear_error (&local_error);
          if (!write_atomically (file, write->bytes, FALSE, TRUE, &local_error))
            {
              /* Taken meanwhile: on to the next name. */
              if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
                continue;

              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }

          return g_steal_pointer (&file);
        }

      if (write->kind == WRITE_RESULT)
        same = g_bytes_get_size (write->bytes) == length &&
               memcmp (g_bytes_get_data (write->bytes, NULL), contents, length) == 0;
      else
        same = sidecar_is_of (contents, length, write->artwork_id);

      if (!same)
        continue;

      /* The same image is there already; a sidecar of ours is brought up to date. */
      if (write->kind == WRITE_SIDECAR &&
          !write_atomically (file, write->bytes, FALSE, FALSE, error))
        return NULL;

      return g_steal_pointer (&file);
    }

  /* Translators: file names, e.g. "Every name from 2026-11-26-af02.png to 2026-11-26-af02-100.png
   * is taken." */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Every name from %s.%s to %s-%u.%s is taken."),
               write->stem, write->extension, write->stem, MAX_NAME_TRIES, write->extension);

  return NULL;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *write = task_data;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (write->kind == WRITE_EXACT)
    {
      parent = g_file_get_parent (write->file);

      if ((parent == NULL || ensure_directory (parent, &error)) &&
          write_atomically (write->file, write->bytes, TRUE, FALSE, &error))
        file = g_object_ref (write->file);
    }
  else if (ensure_directory (write->dir, &error))
    {
      file = write_in_free_file (write, &error);
    }

  if (file == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (write->file ? write->file : write->dir);

      if (write->kind == WRITE_EXACT)
        g_task_return_new_error (task, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_SAVE,
                                 _("Could not write to %s (%s). Check that the folder can be "
                                   "written to and has free space, then choose Retry."),
                                 name, error->message);
      else
        g_task_return_new_error (task, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_SAVE,
                                 _("Could not save in %s (%s). Free some space there or make "
                                   "the folder writable: Variete saves the results on its own "
                                   "as soon as it can."),
                                 name, error->message);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
}

static void
start_write (VarieteJob          *self,
             WriteData           *write,
             gpointer             source_tag,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  /* The callback gets the job, held until the file is written: a cancel does not stop a
   * write. The job is not the task's source object, because the worker thread may drop the
   * task's last reference, and the job must never be finalized there. */
  g_assert (user_data == NULL);
  task = g_task_new (NULL, NULL, callback, g_object_ref (self));
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, write, write_data_free);
  g_task_run_in_thread (task, write_thread);
}

/* Writes @bytes to @file (the journal), creating its folder, readable by the user only.
 * These functions take no user data: @callback gets the job, with a reference to drop. */
void
_variete_job_write_file_async (VarieteJob          *self,
                               GFile               *file,
                               GBytes              *bytes,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  WriteData *write = g_new0 (WriteData, 1);

  write->kind = WRITE_EXACT;
  write->file = g_object_ref (file);
  write->bytes = g_bytes_ref (bytes);

  start_write (self, write, _variete_job_write_file_async, callback, user_data);
}

gboolean
_variete_job_write_file_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  file = g_task_propagate_pointer (G_TASK (result), error);

  return file != NULL;
}

/* Returns: (transfer full): "<YYYY-MM-DD>-<first 8 characters of the id>", the date being the
 * day the server made the artwork, else the day the job started, in local time */
static char *
dup_file_stem (VarieteJob *self)
{
  GDateTime *created = self->server_created_at ? self->server_created_at : self->started_at;
  g_autoptr(GDateTime) local = g_date_time_to_local (created);
  g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *safe_id = _variete_job_dup_safe_id (self->artwork_id);

  if (strlen (safe_id) > SHORT_ID_LENGTH)
    safe_id[SHORT_ID_LENGTH] = '\0';

  return g_strconcat (date, "-", safe_id, NULL);
}

static const char *
extension_for_type (const char *content_type)
{
  if (g_strcmp0 (content_type, "image/jpeg") == 0)
    return "jpg";

  if (g_strcmp0 (content_type, "image/webp") == 0)
    return "webp";

  return "png";
}

/* Saves result @index (from 0) as <stem>-<index + 1>.<ext>. */
void
_variete_job_save_result_async (VarieteJob          *self,
                                guint                index,
                                GBytes              *bytes,
                                const char          *content_type,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  WriteData *write = g_new0 (WriteData, 1);
  g_autofree char *stem = dup_file_stem (self);

  write->kind = WRITE_RESULT;
  write->dir = g_file_new_for_path (self->output_dir);
  write->stem = g_strdup_printf ("%s-%u", stem, index + 1);
  write->extension = extension_for_type (content_type);
  write->bytes = g_bytes_ref (bytes);
  write->index = index;

  start_write (self, write, _variete_job_save_result_async, callback, user_data);
}

/* Returns: (transfer full): the request as it is written to disk (sidecar and journal): a local
 * source's data is left out — it was sent, the server has the artwork, and inlined it would make
 * every record hundreds of kilobytes that the history then holds in memory. */
JsonNode *
_variete_job_dup_request_json (VarieteJob *self)
{
  JsonNode *request = variete_request_to_json (self->request);
  JsonObject *object = json_node_get_object (request);
  const char *url = json_object_get_string_member_with_default (object, "imageUrl", NULL);

  if (url != NULL && g_str_has_prefix (url, "data:"))
    {
      g_autofree char *note = NULL;

      if (self->source_name != NULL)
        note = g_strdup_printf ("local image: %s", self->source_name);
      else
        note = g_strdup ("local image");

      json_object_set_string_member (object, "imageUrl", note);
    }

  return request;
}

/* Returns: (transfer full): what the sidecar says: the request (without the source data), the
 * artwork id, when it was made, its duration, and each result's URL and file */
static JsonNode *
build_sidecar (VarieteJob *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GDateTime *created = self->server_created_at ? self->server_created_at : self->started_at;
  g_autofree char *created_text = g_date_time_format_iso8601 (created);
  g_autofree char *started_text = g_date_time_format_iso8601 (self->started_at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "artworkId");
  json_builder_add_string_value (builder, self->artwork_id);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, created_text);
  json_builder_set_member_name (builder, "startedAt");
  json_builder_add_string_value (builder, started_text);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_double_value (builder, self->duration);

  if (self->source_name != NULL)
    {
      json_builder_set_member_name (builder, "sourceName");
      json_builder_add_string_value (builder, self->source_name);
    }

  json_builder_set_member_name (builder, "request");
  json_builder_add_value (builder, _variete_job_dup_request_json (self));

  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; self->result_urls != NULL && self->result_urls[i]; i++)
    {
      GFile *file = i < self->saved->len ? g_ptr_array_index (self->saved, i) : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, self->result_urls[i]);
      json_builder_set_member_name (builder, "file");
      if (file != NULL)
        {
          g_autofree char *basename = g_file_get_basename (file);

          json_builder_add_string_value (builder, basename);
        }
      else
        {
          json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

void
_variete_job_save_sidecar_async (VarieteJob          *self,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = build_sidecar (self);
  WriteData *write = g_new0 (WriteData, 1);
  char *text;
  gsize length;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  write->kind = WRITE_SIDECAR;
  write->dir = g_file_new_for_path (self->output_dir);
  write->stem = dup_file_stem (self);
  write->extension = "json";
  write->bytes = g_bytes_new_take (text, length);
  write->artwork_id = g_strdup (self->artwork_id);

  start_write (self, write, _variete_job_save_sidecar_async, callback, user_data);
}

/**
 * _variete_job_save_finish:
 * @index: (out) (optional): for a result, its index
 *
 * Returns: (transfer full) (nullable): the file written, or a %VARIETE_JOB_ERROR_SAVE
 */
GFile *
_variete_job_save_finish (GAsyncResult  *result,
                          guint         *index,
                          GError       **error)
{
  WriteData *write;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  write = g_task_get_task_data (G_TASK (result));
  if (index != NULL)
    *index = write->index;

  return g_task_propagate_pointer (G_TASK (result), error);
}
