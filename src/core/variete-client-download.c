/* variete-client-download.c
 *
 * How VarieteClient downloads a result: every redirect followed by hand and checked like the
 * first address, the key sent only to the API's own origin, the size capped while reading, and
 * the image type taken from the bytes rather than from the header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-client"

#include <glib/gi18n-lib.h>

#include "variete-client-private.h"
#include "variete-http.h"
#include "variete-image-header.h"

#define READ_CHUNK_SIZE (64 * 1024)

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

/* The key goes only where it was meant to go: the origin (scheme, host, port) of the API. */
static gboolean
is_same_origin (GUri *a,
                GUri *b)
{
  return a != NULL && b != NULL &&
         g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         effective_port (a) == effective_port (b);
}

static const char * const result_types[] = { "image/png", "image/jpeg", "image/webp" };

static gboolean
is_result_type (const char *content_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (result_types); i++)
    {
      if (g_ascii_strcasecmp (content_type, result_types[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A missing or generic Content-Type says nothing: the bytes decide. */
static gboolean
is_generic_type (const char *content_type)
{
  return content_type == NULL ||
         g_ascii_strcasecmp (content_type, "application/octet-stream") == 0 ||
         g_ascii_strcasecmp (content_type, "binary/octet-stream") == 0;
}

static GError *
new_too_large_error (gsize limit)
{
  g_autofree char *size = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

  return g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                      _("The result is larger than %s. It cannot be an image from Tengr.ai."),
                      size);
}

static GError *
new_not_an_image_error (const char *content_type)
{
  return g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                      _("The result is not a PNG, JPEG or WebP image (%s). Try again later."),
                      /* Translators: goes into "The result is not a PNG, JPEG or WebP image (%s)." */
                      content_type ? content_type : _("unknown type"));
}

/* Takes @task. */
static void start_download (GTask      *task,
                            const char *url);

static void
finish_download (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->msg);
  const char *declared = soup_message_headers_get_content_type (headers, NULL);
  const char *sniffed = variete_image_header_read (request->buffer->data, request->buffer->len,
                                                   NULL, NULL);

  /* The bytes are believed over the header, which an error page sent by a CDN or a captive
   * portal gets wrong: they alone decide whether this is a result, and how it is named. */
  if (sniffed == NULL)
    {
      g_task_return_error (task, new_not_an_image_error (declared));
      return;
    }

  request->content_type = g_strdup (sniffed);

  g_task_return_pointer (task,
                         g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer)),
                         (GDestroyNotify) g_bytes_unref);
}

static void download_read_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data);

/* Takes @task. Reads what is left of the result, a chunk at a time, so that the limit holds
 * however much the server sends. */
static void
read_next_chunk (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_input_stream_read_bytes_async (request->stream,
                                   READ_CHUNK_SIZE,
                                   G_PRIORITY_DEFAULT,
                                   cancellable,
                                   download_read_cb,
                                   task);
}

static void
download_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GInputStream *stream = (GInputStream *)object;
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (task);
  VarieteClient *self = g_task_get_source_object (task);
  gsize size;

  bytes = g_input_stream_read_bytes_finish (stream, result, &error);

  if (variete_client_return_if_failed (task, bytes != NULL, &error))
    return;

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      if (!variete_client_body_is_complete (request->msg, request->buffer->len))
        g_task_return_error (task, variete_client_new_cut_short_error (request->msg));
      else
        finish_download (task);
      return;
    }

  if (size > self->download_limit - request->buffer->len)
    {
      g_task_return_error (task, new_too_large_error (self->download_limit));
      return;
    }

  g_byte_array_append (request->buffer, g_bytes_get_data (bytes, NULL), size);
  read_next_chunk (g_steal_pointer (&task));
}

static void
download_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SoupSession *session = (SoupSession *)object;
  g_autoptr(GTask) task = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (task);
  VarieteClient *self = g_task_get_source_object (task);
  SoupMessageHeaders *headers;
  const char *declared;
  guint status;

  stream = soup_session_send_finish (session, result, &error);

  if (variete_client_return_if_failed (task, stream != NULL, &error))
    return;

  variete_client_log_answer (request->msg);
  status = soup_message_get_status (request->msg);
  headers = soup_message_get_response_headers (request->msg);

  /* Redirects are followed here rather than by libsoup, so that each hop is checked
   * (https only) and the key is never carried to another origin. */
  if (variete_http_status_is_redirect (status))
    {
      if (variete_http_follow_redirect (request->msg, &request->n_redirects, task, start_download))
        return;

      g_task_return_new_error (task, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                               _("The result could not be fetched: the server sent it "
                                 "elsewhere too many times. Try again later."));
      return;
    }

  /* Result links are signed and expire before the artwork does (API.md, Source image): the
   * key plays no part there, and the artwork is not gone. */
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN ||
      status == SOUP_STATUS_GONE)
    {
      g_task_return_new_error (task, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_LINK_REFUSED,
                               _("The server refused the link to download a result (%u %s). "
                                 "Such links expire; the artwork itself is still on Tengr.ai."),
                               status, soup_status_get_phrase (status));
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      g_task_return_error (task, variete_client_new_error_from_message (request->msg, NULL));
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > self->download_limit)
    {
      g_task_return_error (task, new_too_large_error (self->download_limit));
      return;
    }

  declared = soup_message_headers_get_content_type (headers, NULL);
  if (!is_generic_type (declared) && !is_result_type (declared))
    {
      g_task_return_error (task, new_not_an_image_error (declared));
      return;
    }

  request->stream = g_steal_pointer (&stream);
  request->buffer = g_byte_array_new ();
  read_next_chunk (g_steal_pointer (&task));
}

static void
start_download (GTask      *task,
                const char *url)
{
  VarieteClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GUri) uri = NULL;

  /* The address came from the server, not from the artist's settings: say so. */
  if (!variete_url_is_allowed (url))
    {
      if (request->n_redirects > 0)
        g_task_return_new_error (task, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE,
                                 _("The server sent the download of a result on to an address "
                                   "that is not secure (%s). Variete fetches results over "
                                   "https:// only. Your settings are not the cause."),
                                 url);
      else
        g_task_return_new_error (task, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE,
                                 _("The server gave a result address that is not secure (%s). "
                                   "Variete fetches results over https:// only. Your settings "
                                   "are not the cause."),
                                 url);
      g_object_unref (task);
      return;
    }

  if (!(uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL)))
    {
      g_task_return_new_error (task, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE,
                               _("“%s” is not a web address. Use an https:// address."), url);
      g_object_unref (task);
      return;
    }

  g_clear_object (&request->msg);
  request->msg = variete_http_new_message (SOUP_METHOD_GET, uri, "image/webp, image/png, image/jpeg");

  if (is_same_origin (self->base_uri, uri))
    variete_client_add_authorization (self, request->msg);

  soup_session_send_async (self->session,
                           request->msg,
                           G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task),
                           download_sent_cb,
                           task);
}

/**
 * variete_client_download_async:
 * @self: a #VarieteClient
 * @url: the address of a result, as listed by the artwork
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the image is downloaded
 * @user_data: data for @callback
 *
 * Downloads a result image. The URL (and every redirect) must pass variete_client_check_url();
 * the answer must be a PNG, JPEG or WebP image no larger than the download limit, else the
 * call fails with %VARIETE_CLIENT_ERROR_PROTOCOL.
 */
void
variete_client_download_async (VarieteClient       *self,
                               const char          *url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (VARIETE_IS_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, variete_client_download_async);
  g_task_set_task_data (task, variete_client_request_new (REQUEST_DOWNLOAD),
                        variete_client_request_free);

  /* start_download() owns the reference from here on. */
  start_download (task, url);
}

/**
 * variete_client_download_finish:
 * @self: a #VarieteClient
 * @result: the result passed to the callback
 * @content_type: (out) (optional) (transfer full): the type of the image, from its bytes:
 *   "image/png", "image/jpeg" or "image/webp"
 * @error: return location for an error
 *
 * Returns: (transfer full): the image
 */
GBytes *
variete_client_download_finish (VarieteClient  *self,
                                GAsyncResult   *result,
                                char          **content_type,
                                GError        **error)
{
  GBytes *bytes;

  g_return_val_if_fail (VARIETE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == variete_client_download_async,
                        NULL);

  bytes = g_task_propagate_pointer (G_TASK (result), error);

  if (content_type != NULL)
    {
      Request *request = g_task_get_task_data (G_TASK (result));

      *content_type = bytes ? g_strdup (request->content_type) : NULL;
    }

  return bytes;
}
