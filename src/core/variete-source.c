/* variete-source.c
 *
 * The source image after pre-flight, and its three ways in: a file, bytes in memory (a paste
 * or a drop of image data), and a remote https:// address, downloaded once with a cap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-core"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "variete-artwork.h"
#include "variete-http.h"
#include "variete-source-private.h"

#define DOWNLOAD_CHUNK_SIZE (64 * 1024)
#define DOWNLOAD_TIMEOUT_SECONDS 30

struct _VarieteSource
{
  GObject     parent_instance;

  char       *url;
  char       *display_name;
  GFile      *file;
  char       *uri;
  GdkPixbuf  *thumbnail;
  int         original_width;
  int         original_height;
  const char *original_mime_type;
  int         sent_width;
  int         sent_height;
  const char *sent_mime_type;
  gsize       sent_size;
};

G_DEFINE_FINAL_TYPE (VarieteSource, variete_source, G_TYPE_OBJECT)

G_DEFINE_QUARK (variete-source-error-quark, variete_source_error)

typedef struct
{
  GFile                  *file;
  GBytes                 *bytes;
  GInputStream           *input;
  GdkPixbuf              *pixbuf;
  char                   *uri;
  VarieteSourcePreflight  preflight;

  /* A remote image while it downloads. */
  SoupSession            *session;
  SoupMessage            *msg;
  GInputStream           *stream;
  GByteArray             *buffer;
  guint                   n_redirects;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->file);
  g_clear_pointer (&load->bytes, g_bytes_unref);
  g_clear_object (&load->input);
  g_clear_object (&load->pixbuf);
  g_clear_pointer (&load->uri, g_free);
  variete_source_preflight_clear (&load->preflight);
  g_clear_object (&load->stream);
  g_clear_object (&load->msg);
  g_clear_object (&load->session);
  g_clear_pointer (&load->buffer, g_byte_array_unref);
  g_free (load);
}

static void
variete_source_finalize (GObject *object)
{
  VarieteSource *self = VARIETE_SOURCE (object);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->uri, g_free);
  g_clear_object (&self->thumbnail);

  G_OBJECT_CLASS (variete_source_parent_class)->finalize (object);
}

static void
variete_source_class_init (VarieteSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = variete_source_finalize;
}

static void
variete_source_init (VarieteSource *self)
{
}

static VarieteSource *
variete_source_new_from_load (LoadData *load)
{
  VarieteSourcePreflight *preflight = &load->preflight;
  VarieteSource *self = g_object_new (VARIETE_TYPE_SOURCE, NULL);

  if (preflight->sent_bytes != NULL)
    {
      self->url = variete_source_make_data_url (preflight->sent_mime_type,
                                                preflight->sent_bytes);
      self->sent_size = g_bytes_get_size (preflight->sent_bytes);
    }
  else
    {
      g_assert (load->uri != NULL);
      self->url = g_strdup (load->uri);
      self->sent_size = preflight->input_size;
    }

  self->display_name = g_steal_pointer (&preflight->display_name);
  self->file = load->file ? g_object_ref (load->file) : NULL;
  self->uri = g_strdup (load->uri);
  self->thumbnail = g_steal_pointer (&preflight->thumbnail);
  self->original_width = preflight->original_width;
  self->original_height = preflight->original_height;
  self->original_mime_type = preflight->original_mime_type;
  self->sent_width = preflight->sent_width;
  self->sent_height = preflight->sent_height;
  self->sent_mime_type = preflight->sent_mime_type;

  return self;
}

static GError *
new_file_error (const char *name,
                GError     *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_READABLE,
                        _("“%s” could not be found. It may have been moved, renamed or "
                          "deleted."),
                        name);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_READABLE,
                        _("Variete is not allowed to read “%s”. Check its permissions, or copy "
                          "it somewhere else and open the copy."),
                        name);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_READABLE,
                        _("“%s” is a folder. Open an image inside it instead."),
                        name);

  return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_READABLE,
                      _("“%s” could not be read: %s. Try again, or copy it somewhere else and "
                        "open the copy."),
                      name, error->message);
}

static char *
dup_file_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename != NULL && basename[0] != '\0' && !g_str_equal (basename, "/"))
    return g_filename_display_name (basename);

  return g_file_get_parse_name (file);
}

/* Checks a local file before any of it is read: what it is and how large. */
static GInputStream *
open_file (LoadData      *load,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  load->preflight.display_name = dup_file_name (load->file);

  info = g_file_query_info (load->file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_propagate_error (error, new_file_error (load->preflight.display_name, local_error));
      return NULL;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    {
      g_free (load->preflight.display_name);
      load->preflight.display_name = g_strdup (g_file_info_get_display_name (info));
    }
  name = load->preflight.display_name;

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;

    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_READABLE,
                   _("“%s” is a folder. Open an image inside it instead."),
                   name);
      return NULL;

    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SPECIAL:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      /* Devices and pipes could block or never end. */
      g_set_error (error, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_READABLE,
                   _("“%s” is not a regular file. Open an image file instead."),
                   name);
      return NULL;
    }

  if (g_file_info_get_size (info) == 0)
    {
      g_propagate_error (error, variete_source_new_empty_error (name));
      return NULL;
    }

  if (g_file_info_get_size (info) > VARIETE_SOURCE_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (VARIETE_SOURCE_MAX_FILE_SIZE);

      g_set_error (error, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_TOO_LARGE,
                   _("“%s” is too large (%s). Images up to %s can be used: save a smaller "
                     "copy, for example as JPEG, and open that."),
                   name, size, limit);
      return NULL;
    }

  stream = g_file_read (load->file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_propagate_error (error, new_file_error (name, local_error));
      return NULL;
    }

  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(GInputStream) stream = NULL;
  GError *error = NULL;
  gboolean ok;

  if (load->pixbuf != NULL)
    ok = variete_source_preflight_run_pixbuf (&load->preflight, load->pixbuf, cancellable,
                                              &error);
  else
    {
      if (load->file != NULL)
        stream = open_file (load, cancellable, &error);
      else if (load->input != NULL)
        stream = g_object_ref (load->input);
      else if (g_bytes_get_size (load->bytes) > VARIETE_SOURCE_MAX_FILE_SIZE)
        error = variete_source_new_too_many_bytes_error (load->preflight.display_name);
      else
        stream = g_memory_input_stream_new_from_bytes (load->bytes);

      ok = stream != NULL &&
           variete_source_preflight_run (&load->preflight, stream, cancellable, &error);
    }

  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, variete_source_new_from_load (load), g_object_unref);
}

static GTask *
load_task_new (int                  thumbnail_size,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               LoadData           **load_out)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  LoadData *load = g_new0 (LoadData, 1);

  load->preflight.thumbnail_size = thumbnail_size;

  g_task_set_source_tag (task, variete_source_load_file_async);
  g_task_set_name (task, "[variete] source pre-flight");
  g_task_set_task_data (task, load, load_data_free);

  *load_out = load;

  return task;
}

/* Checks and prepares an image already in memory, one of @bytes, @input or @pixbuf, on a
 * worker thread. */
static void
load_in_memory_async (GBytes              *bytes,
                      GInputStream        *input,
                      GdkPixbuf           *pixbuf,
                      const char          *display_name,
                      int                  thumbnail_size,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  task = load_task_new (thumbnail_size, cancellable, callback, user_data, &load);
  load->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  load->input = input ? g_object_ref (input) : NULL;
  load->pixbuf = pixbuf ? g_object_ref (pixbuf) : NULL;
  load->preflight.display_name = g_strdup (display_name);
  g_task_run_in_thread (task, load_thread);
}

/**
 * variete_source_load_file_async:
 * @file: a local file, or an http(s):// address as a #GFile (from a drop or the command line),
 *   which is handed to variete_source_load_uri_async()
 * @thumbnail_size: the largest side of the thumbnail, in pixels
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: data for @callback
 *
 * Checks and prepares a local image on a worker thread. Finish with
 * variete_source_load_finish().
 */
void
variete_source_load_file_async (GFile               *file,
                                int                  thumbnail_size,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (g_file_has_uri_scheme (file, "http") || g_file_has_uri_scheme (file, "https"))
    {
      g_autofree char *uri = g_file_get_uri (file);

      variete_source_load_uri_async (uri, thumbnail_size, cancellable, callback, user_data);
      return;
    }

  task = load_task_new (thumbnail_size, cancellable, callback, user_data, &load);
  load->file = g_object_ref (file);
  g_task_run_in_thread (task, load_thread);
}

/**
 * variete_source_load_bytes_async:
 * @bytes: an image in memory, as pasted or dropped
 * @display_name: what to call it in messages ("Pasted image")
 * @thumbnail_size: the largest side of the thumbnail, in pixels
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: data for @callback
 *
 * Checks and prepares an image held in memory on a worker thread. Finish with
 * variete_source_load_finish().
 */
void
variete_source_load_bytes_async (GBytes              *bytes,
                                 const char          *display_name,
                                 int                  thumbnail_size,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (display_name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  load_in_memory_async (bytes, NULL, NULL, display_name, thumbnail_size, cancellable, callback,
                        user_data);
}

/**
 * variete_source_load_stream_async:
 * @stream: an image as a stream (a paste from another program), read on a worker thread
 * @display_name: what to call it in messages ("Pasted image")
 * @thumbnail_size: the largest side of the thumbnail, in pixels
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: data for @callback
 *
 * Reads at most VARIETE_SOURCE_MAX_FILE_SIZE bytes of @stream (blocking reads, on a worker
 * thread) and checks and prepares the image. Finish with variete_source_load_finish().
 */
void
variete_source_load_stream_async (GInputStream        *stream,
                                  const char          *display_name,
                                  int                  thumbnail_size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (display_name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  load_in_memory_async (NULL, stream, NULL, display_name, thumbnail_size, cancellable, callback,
                        user_data);
}

/**
 * variete_source_load_pixbuf_async:
 * @pixbuf: an image already decoded (a dropped or pasted texture); not modified
 * @display_name: what to call it in messages ("Dropped image")
 * @thumbnail_size: the largest side of the thumbnail, in pixels
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: data for @callback
 *
 * Fits, encodes and thumbnails decoded pixels on a worker thread, skipping the decoding.
 * Finish with variete_source_load_finish().
 */
void
variete_source_load_pixbuf_async (GdkPixbuf           *pixbuf,
                                  const char          *display_name,
                                  int                  thumbnail_size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (GDK_IS_PIXBUF (pixbuf));
  g_return_if_fail (display_name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  load_in_memory_async (NULL, NULL, pixbuf, display_name, thumbnail_size, cancellable, callback,
                        user_data);
}

static char *
dup_uri_name (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_PATH, NULL);
  const char *path;
  const char *slash;

  if (parsed == NULL)
    return g_strdup (uri);

  path = g_uri_get_path (parsed);
  slash = strrchr (path, '/');
  if (slash != NULL && slash[1] != '\0')
    {
      g_autofree char *name = g_uri_unescape_string (slash + 1, NULL);

      if (name != NULL && g_utf8_validate (name, -1, NULL))
        return g_steal_pointer (&name);
    }

  return g_strdup (g_uri_get_host (parsed) ? g_uri_get_host (parsed) : uri);
}

static GError *
new_download_error (const char *uri,
                    GError     *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_DOWNLOAD,
                      _("The image at “%s” could not be downloaded: %s. Check your connection "
                        "and try again."),
                      uri, error->message);
}

static GError *
new_download_too_large_error (const char *uri)
{
  g_autofree char *limit = g_format_size (VARIETE_SOURCE_MAX_FILE_SIZE);

  return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_TOO_LARGE,
                      _("The image at “%s” is larger than %s, the most Variete reads. Use a "
                        "smaller image."),
                      uri, limit);
}

static gboolean
is_web_page_type (const char *content_type)
{
  return g_str_has_prefix (content_type, "text/") ||
         g_str_equal (content_type, "application/xhtml+xml") ||
         g_str_equal (content_type, "application/json");
}

static void download_start (GTask      *task,
                            const char *url);

static void download_read_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data);

/* Takes @task. */
static void
read_next_chunk (GTask        *task,
                 GInputStream *stream)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_input_stream_read_bytes_async (stream, DOWNLOAD_CHUNK_SIZE, G_PRIORITY_DEFAULT, cancellable,
                                   download_read_cb, task);
}

static void
download_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GInputStream *stream = G_INPUT_STREAM (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  LoadData *load = g_task_get_task_data (task);
  gsize size;

  bytes = g_input_stream_read_bytes_finish (stream, result, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (bytes == NULL)
    {
      g_task_return_error (task, new_download_error (load->uri, error));
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size > 0)
    {
      if (load->buffer->len + size > VARIETE_SOURCE_MAX_FILE_SIZE)
        {
          g_task_return_error (task, new_download_too_large_error (load->uri));
          return;
        }

      g_byte_array_append (load->buffer, g_bytes_get_data (bytes, NULL), size);
      read_next_chunk (g_steal_pointer (&task), stream);
      return;
    }

  /* The whole answer is here: the pre-flight checks it like any image in memory. */
  load->bytes = g_byte_array_free_to_bytes (g_steal_pointer (&load->buffer));
  g_clear_object (&load->stream);
  g_clear_object (&load->msg);
  g_task_run_in_thread (task, load_thread);
}

static void
download_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  LoadData *load = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  const char *content_type;
  guint status;

  stream = soup_session_send_finish (session, result, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (stream == NULL)
    {
      g_task_return_error (task, new_download_error (load->uri, error));
      return;
    }

  status = soup_message_get_status (load->msg);
  headers = soup_message_get_response_headers (load->msg);
  g_debug ("Source download: %u", status);

  /* Redirects are followed here, so that every hop is checked like the first address. */
  if (variete_http_status_is_redirect (status))
    {
      if (variete_http_follow_redirect (load->msg, &load->n_redirects, task, download_start))
        return;

      g_task_return_new_error (task, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_DOWNLOAD,
                               _("“%s” sends elsewhere too many times. Use the image’s own "
                                 "address, or save the image and open the file."),
                               load->uri);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    {
      g_task_return_new_error (task, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_DOWNLOAD,
                               _("Nothing was found at “%s” (%u). Check the address, or save "
                                 "the image and open the file."),
                               load->uri, status);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_DOWNLOAD,
                               _("The server of “%s” answered “%u %s”. Try again later, or "
                                 "save the image and open the file."),
                               load->uri, status, soup_status_get_phrase (status));
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > VARIETE_SOURCE_MAX_FILE_SIZE)
    {
      g_task_return_error (task, new_download_too_large_error (load->uri));
      return;
    }

  /* A web page is refused from its header; anything else is judged by its bytes. */
  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type != NULL && is_web_page_type (content_type))
    {
      g_task_return_new_error (task, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_AN_IMAGE,
                               _("“%s” is a web page, not an image. Copy the image’s own "
                                 "address (right-click it, then Copy Image Address), or save "
                                 "the image and open the file."),
                               load->uri);
      return;
    }

  load->stream = g_steal_pointer (&stream);
  load->buffer = g_byte_array_new ();
  read_next_chunk (g_steal_pointer (&task), load->stream);
}

/* Takes @task. */
static void
download_start (GTask      *task,
                const char *url)
{
  LoadData *load = g_task_get_task_data (task);
  g_autoptr(GUri) uri = NULL;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if ((uri == NULL || !variete_url_is_allowed (url)) && load->n_redirects > 0)
    {
      g_task_return_new_error (task, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_DOWNLOAD,
                               _("“%s” leads to “%s”, which is not a secure https:// address. "
                                 "Use another address of the image, or save it and open the "
                                 "file."),
                               load->uri, url);
      g_object_unref (task);
      return;
    }

  if (uri == NULL || !variete_url_is_allowed (url))
    {
      g_task_return_new_error (task, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_DOWNLOAD,
                               _("Only secure https:// addresses can be used, and “%s” is not "
                                 "one. Use the https:// address of the image, or save it and "
                                 "open the file."),
                               url);
      g_object_unref (task);
      return;
    }

  g_clear_object (&load->msg);
  load->msg = variete_http_new_message (SOUP_METHOD_GET, uri,
                                       "image/png, image/jpeg, image/webp, image/*;q=0.8");

  soup_session_send_async (load->session, load->msg, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), download_sent_cb, task);
}

/**
 * variete_source_load_uri_async:
 * @uri: an https:// address (or a loopback http:// one, for tests)
 * @thumbnail_size: the largest side of the thumbnail, in pixels
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: data for @callback
 *
 * Downloads a remote image once, capped at VARIETE_SOURCE_MAX_FILE_SIZE, and checks it on a
 * worker thread. No credentials are sent. Finish with variete_source_load_finish().
 */
void
variete_source_load_uri_async (const char          *uri,
                               int                  thumbnail_size,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  LoadData *load;

  g_return_if_fail (uri != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = load_task_new (thumbnail_size, cancellable, callback, user_data, &load);
  load->uri = g_strdup (uri);
  load->preflight.display_name = dup_uri_name (uri);
  load->preflight.may_keep_address = TRUE;
  load->session = soup_session_new_with_options ("timeout", DOWNLOAD_TIMEOUT_SECONDS,
                                                 "user-agent", "Variete/" PACKAGE_VERSION " ",
                                                 NULL);

  /* download_start() owns the reference from here on. */
  download_start (task, uri);
}

/**
 * variete_source_load_finish:
 * @result: the result passed to the callback
 * @error: return location for a %VARIETE_SOURCE_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the prepared source, or %NULL
 */
VarieteSource *
variete_source_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == variete_source_load_file_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The URL to send as imageUrl: a data: URL, or the https:// address as it is. */
const char *
variete_source_get_url (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), NULL);

  return self->url;
}

const char *
variete_source_get_display_name (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), NULL);

  return self->display_name;
}

/* The local file the source came from, or %NULL. */
GFile *
variete_source_get_file (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), NULL);

  return self->file;
}

/* The remote address the source came from, or %NULL. */
const char *
variete_source_get_uri (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), NULL);

  return self->uri;
}

/* Whether the source is sent as its remote address rather than as data. */
gboolean
variete_source_is_remote (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), FALSE);

  return self->uri != NULL && g_strcmp0 (self->url, self->uri) == 0;
}

GdkPixbuf *
variete_source_get_thumbnail (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), NULL);

  return self->thumbnail;
}

int
variete_source_get_original_width (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), 0);

  return self->original_width;
}

int
variete_source_get_original_height (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), 0);

  return self->original_height;
}

const char *
variete_source_get_original_mime_type (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), NULL);

  return self->original_mime_type;
}

int
variete_source_get_sent_width (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), 0);

  return self->sent_width;
}

int
variete_source_get_sent_height (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), 0);

  return self->sent_height;
}

const char *
variete_source_get_sent_mime_type (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), NULL);

  return self->sent_mime_type;
}

/* The size of what is sent, before base64; for an address sent as it is, of the download. */
gsize
variete_source_get_sent_size (VarieteSource *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE (self), 0);

  return self->sent_size;
}

/**
 * variete_source_dup_summary:
 * @self: a #VarieteSource
 *
 * Returns: (transfer full): one line saying what the source is and what is sent,
 *   "3024×4032 → 1053×1404 JPEG, 412.3 kB"
 */
char *
variete_source_dup_summary (VarieteSource *self)
{
  g_autofree char *size = NULL;
  const char *format;

  g_return_val_if_fail (VARIETE_IS_SOURCE (self), NULL);

  size = g_format_size (self->sent_size);
  format = variete_source_format_name (self->sent_mime_type);

  if (variete_source_is_remote (self))
    /* Translators: width×height, image format, file size; the image is sent as its address. */
    return g_strdup_printf (_("%d×%d %s, %s, sent as its address"),
                            self->original_width, self->original_height, format, size);

  if (self->original_width != self->sent_width || self->original_height != self->sent_height)
    /* Translators: original width×height → sent width×height, image format, file size. */
    return g_strdup_printf (_("%d×%d → %d×%d %s, %s"),
                            self->original_width, self->original_height,
                            self->sent_width, self->sent_height, format, size);

  /* Translators: width×height, image format sent, file size. */
  return g_strdup_printf (_("%d×%d %s, %s"),
                          self->original_width, self->original_height, format, size);
}
