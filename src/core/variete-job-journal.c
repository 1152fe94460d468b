/* variete-job-journal.c
 *
 * The journal of a job: <jobs dir>/<artwork id>.json, written atomically after the create and
 * whenever something worth keeping changes, so that a job survives a crash or a quit and each
 * result is saved exactly once (DESIGN.md, "Nothing is lost"). It holds the request, the
 * artwork id, the times, the state, the result URLs, the files already saved and the last
 * error. It never holds the API key, which the request does not know.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-job"

#include <glib/gi18n-lib.h>

#include "variete-job-private.h"
#include "variete-json.h"

#define MAX_SAFE_ID_LENGTH 128

/* Returns: (transfer full): @artwork_id made safe as a file name: letters, digits, '-', '_'
 * and inner dots only, so that no id can name another folder */
char *
_variete_job_dup_safe_id (const char *artwork_id)
{
  GString *safe = g_string_new (NULL);

  for (const char *p = artwork_id; *p && safe->len < MAX_SAFE_ID_LENGTH; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || (*p == '.' && safe->len > 0))
        g_string_append_c (safe, *p);
      else
        g_string_append_c (safe, '_');
    }

  if (safe->len == 0)
    g_string_append_c (safe, '_');

  return g_string_free (safe, FALSE);
}

/* Errors */

static JsonNode *
error_to_json (const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *valid_message = g_utf8_make_valid (error->message, -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, g_quark_to_string (error->domain));
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, error->code);
  /* An error may quote what a server sent: keep the journal valid JSON whatever it holds. */
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, valid_message);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Returns: (transfer full) (nullable): the error a journal recorded. Only the domains a job
 * reports are restored as such; anything else comes back as a plain G_IO_ERROR_FAILED. */
static GError *
error_from_json (JsonNode *node)
{
  const char *domain, *message;
  JsonObject *object;
  double code = 0;
  GQuark quark;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  domain = variete_json_get_string (object, "domain");
  message = variete_json_get_string (object, "message");
  variete_json_get_number (object, "code", &code);

  if (message == NULL)
    return NULL;

  if (g_strcmp0 (domain, g_quark_to_string (VARIETE_CLIENT_ERROR)) == 0)
    quark = VARIETE_CLIENT_ERROR;
  else if (g_strcmp0 (domain, g_quark_to_string (VARIETE_JOB_ERROR)) == 0)
    quark = VARIETE_JOB_ERROR;
  else
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, message);

  return g_error_new_literal (quark, (int) code, message);
}

/* Writing */

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *date_time)
{
  g_autofree char *text = NULL;

  if (date_time == NULL)
    return;

  text = g_date_time_format_iso8601 (date_time);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static JsonNode *
build_journal (VarieteJob *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  /* The last write before SUCCEEDED says so already: SUCCEEDED follows it. */
  VarieteJobState state = self->finishing ? VARIETE_JOB_STATE_SUCCEEDED : self->state;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, VARIETE_JOB_JOURNAL_VERSION);
  json_builder_set_member_name (builder, "artworkId");
  json_builder_add_string_value (builder, self->artwork_id);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, variete_job_state_to_string (state));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, variete_artwork_status_to_string (self->status));
  add_time (builder, "startedAt", self->started_at);
  add_time (builder, "serverCreatedAt", self->server_created_at);
  add_time (builder, "updatedAt", now);
  json_builder_set_member_name (builder, "outputDir");
  json_builder_add_string_value (builder, self->output_dir);

  if (self->source_name != NULL)
    {
      json_builder_set_member_name (builder, "sourceName");
      json_builder_add_string_value (builder, self->source_name);
    }

  json_builder_set_member_name (builder, "request");
  json_builder_add_value (builder, _variete_job_dup_request_json (self));

  if (self->result_urls != NULL)
    {
      json_builder_set_member_name (builder, "results");
      json_builder_begin_array (builder);
      for (guint i = 0; self->result_urls[i]; i++)
        json_builder_add_string_value (builder, self->result_urls[i]);
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "duration");
      json_builder_add_double_value (builder, self->duration);
    }

  json_builder_set_member_name (builder, "saved");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->saved->len; i++)
    {
      GFile *file = g_ptr_array_index (self->saved, i);
      g_autofree char *path = NULL;

      if (file == NULL)
        continue;

      path = g_file_get_path (file);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, i);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, path);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (self->sidecar != NULL)
    {
      g_autofree char *path = g_file_get_path (self->sidecar);

      json_builder_set_member_name (builder, "sidecar");
      json_builder_add_string_value (builder, path);
    }

  if (self->error != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_value (builder, error_to_json (self->error));
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void start_journal_write (VarieteJob *self);

static void
journal_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(VarieteJob) self = user_data;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;

  if (!_variete_job_write_file_finish (result, &error))
    {
      g_autofree char *name = g_file_get_parse_name (self->journal_file);

      /* The job goes on: its results still get saved, only a resume would miss them. */
      g_warning ("Could not write the job record %s: %s", name, error->message);
    }

  waiters = g_steal_pointer (&self->journal_waiters);
  self->journal_waiters = g_steal_pointer (&self->journal_next_waiters);
  self->journal_next_waiters = g_ptr_array_new ();
  self->journal_writing = FALSE;

  if (self->journal_dirty)
    {
      self->journal_dirty = FALSE;
      start_journal_write (self);
    }

  for (guint i = 0; i < waiters->len; i++)
    ((JobJournalDone) g_ptr_array_index (waiters, i)) (self);
}

static void
start_journal_write (VarieteJob *self)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = build_journal (self);
  g_autoptr(GBytes) bytes = NULL;
  char *text;
  gsize length;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (text, length);

  self->journal_writing = TRUE;
  _variete_job_write_file_async (self, self->journal_file, bytes, journal_written_cb, NULL);
}

/* Writes the journal as the job is now, then calls @done (if any). Writes never overlap, and a
 * change made while one is under way is written right after it. */
void
_variete_job_save_journal (VarieteJob     *self,
                           JobJournalDone  done)
{
  g_assert (self->journal_file != NULL);

  if (self->journal_writing)
    {
      self->journal_dirty = TRUE;
      if (done != NULL)
        g_ptr_array_add (self->journal_next_waiters, done);
      return;
    }

  if (done != NULL)
    g_ptr_array_add (self->journal_waiters, done);

  start_journal_write (self);
}

/* Reading */

static gboolean
set_journal_error (GError     **error,
                   const char  *message)
{
  g_set_error_literal (error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_JOURNAL, message);
  return FALSE;
}

static void
load_results (VarieteJob *self,
              JsonObject *object)
{
  JsonArray *results = get_array (object, "results");
  JsonArray *saved = get_array (object, "saved");
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  guint n_results = 0;
  double number;

  if (results == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_strv_builder_add (urls, json_node_get_string (node));
          n_results++;
        }
    }

  self->result_urls = g_strv_builder_end (urls);
  g_ptr_array_set_size (self->saved, n_results);

  if (variete_json_get_number (object, "duration", &number))
    self->duration = number;

  for (guint i = 0; saved != NULL && i < json_array_get_length (saved); i++)
    {
      JsonNode *node = json_array_get_element (saved, i);
      g_autoptr(GFile) file = NULL;
      const char *path;
      JsonObject *entry;
      double index;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      entry = json_node_get_object (node);
      path = variete_json_get_string (entry, "file");

      if (path == NULL || !g_path_is_absolute (path) ||
          !variete_json_get_number (entry, "index", &index) || index < 0 || index >= n_results)
        continue;

      file = g_file_new_for_path (path);
      _variete_job_add_saved_result (self, (guint) index, file, FALSE);
    }
}

/* Restores a job from its journal. A job that had stopped comes back as it stopped; any other
 * comes back NEW, ready to resume. */
gboolean
_variete_job_load_journal (VarieteJob  *self,
                           GBytes      *contents,
                           gboolean     use_output_dir,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(VarieteRequest) request = NULL;
  g_autoptr(GError) local_error = NULL;
  GDateTime *date_time;
  VarieteJobState state;
  JsonObject *object;
  JsonNode *root;
  const char *text;
  double version = VARIETE_JOB_JOURNAL_VERSION;
  gsize size;

  text = g_bytes_get_data (contents, &size);
  if (size > G_MAXSSIZE || !json_parser_load_from_data (parser, text, (gssize) size, &local_error))
    /* Translators: this and the next three follow "The job record FILE cannot be read:" */
    return set_journal_error (error, local_error ? local_error->message : _("It is too large."));

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return set_journal_error (error, _("It is not a JSON object."));
  if (!variete_json_node_is_utf8 (root))
    return set_journal_error (error, _("It holds text that is not UTF-8."));

  object = json_node_get_object (root);

  variete_json_get_number (object, "version", &version);
  if (version > VARIETE_JOB_JOURNAL_VERSION)
    return set_journal_error (error, _("It was written by a newer version of Variete."));

  text = variete_json_get_string (object, "artworkId");
  if (text == NULL || text[0] == '\0')
    return set_journal_error (error, _("It has no artwork id."));

  request = variete_request_new_from_json (json_object_get_member (object, "request"),
                                           &local_error);
  if (request == NULL)
    return set_journal_error (error, local_error->message);

  self->artwork_id = g_strdup (text);
  g_set_object (&self->request, request);
  self->status = variete_artwork_status_from_string (variete_json_get_string (object, "status"));

  if ((date_time = variete_json_get_time (object, "startedAt")) != NULL)
    {
      g_clear_pointer (&self->started_at, g_date_time_unref);
      self->started_at = date_time;
    }

  self->server_created_at = variete_json_get_time (object, "serverCreatedAt");

  if ((text = variete_json_get_string (object, "sourceName")) != NULL)
    self->source_name = g_strdup (text);

  if (use_output_dir && (text = variete_json_get_string (object, "outputDir")) != NULL && text[0] != '\0')
    {
      g_free (self->output_dir);
      self->output_dir = g_strdup (text);
    }

  load_results (self, object);

  if ((text = variete_json_get_string (object, "sidecar")) != NULL && g_path_is_absolute (text))
    self->sidecar = g_file_new_for_path (text);

  self->error = error_from_json (json_object_get_member (object, "error"));

  state = variete_job_state_from_string (variete_json_get_string (object, "state"));
  self->state = variete_job_state_is_final (state) ? state : VARIETE_JOB_STATE_NEW;

  return TRUE;
}
