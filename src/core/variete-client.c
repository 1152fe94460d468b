/* variete-client.c
 *
 * The HTTP side of the Selena Variete API (API.md): one SoupSession, four calls, and a precise
 * mapping of everything that can go wrong onto VARIETE_CLIENT_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-client"

#include <glib/gi18n-lib.h>

#include "variete-client-private.h"
#include "variete-paths.h"
#include "variete-http.h"

#define DEFAULT_TIMEOUT_SECONDS 60
#define IDLE_TIMEOUT_SECONDS 30
#define MAX_LIST_LIMIT 500
#define CREATE_PATH "/v2/artworks/selena-variete"
#define ARTWORKS_PATH "/v2/artworks"

G_DEFINE_FINAL_TYPE (VarieteClient, variete_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

void
variete_client_request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->msg);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_clear_pointer (&request->content_type, g_free);
  g_free (request);
}

Request *
variete_client_request_new (RequestKind kind)
{
  Request *request = g_new0 (Request, 1);

  request->kind = kind;

  return request;
}

static void
variete_client_constructed (GObject *object)
{
  VarieteClient *self = (VarieteClient *)object;
  gsize len;

  G_OBJECT_CLASS (variete_client_parent_class)->constructed (object);

  if (self->base_url == NULL || self->base_url[0] == '\0')
    {
      g_free (self->base_url);
      self->base_url = g_strdup (VARIETE_DEFAULT_API_URL);
    }

  /* Paths are appended to the base URL, so it must not end with a slash. */
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';

  if (variete_client_check_url (self->base_url, &self->base_url_error))
    self->base_uri = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, &self->base_url_error);
}

static void
variete_client_finalize (GObject *object)
{
  VarieteClient *self = (VarieteClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_error (&self->base_url_error);
  g_clear_pointer (&self->api_key, g_free);

  G_OBJECT_CLASS (variete_client_parent_class)->finalize (object);
}

static void
variete_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VarieteClient *self = VARIETE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VarieteClient *self = VARIETE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;

    case PROP_API_KEY:
      variete_client_set_api_key (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_client_class_init (VarieteClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = variete_client_constructed;
  object_class->finalize = variete_client_finalize;
  object_class->get_property = variete_client_get_property;
  object_class->set_property = variete_client_set_property;

  /* A base URL that variete_client_check_url() refuses makes every call fail with that error. */
  properties [PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Write-only, so that the key cannot leak through a property dump. */
  properties [PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
variete_client_init (VarieteClient *self)
{
  self->download_limit = VARIETE_CLIENT_DOWNLOAD_LIMIT;
  self->session = soup_session_new_with_options ("user-agent", "Variete/" PACKAGE_VERSION,
                                                 "timeout", DEFAULT_TIMEOUT_SECONDS,
                                                 "idle-timeout", IDLE_TIMEOUT_SECONDS,
                                                 NULL);
}

/**
 * variete_client_new:
 * @base_url: (nullable): the API address, %NULL for the default
 * @api_key: (nullable): the API key
 *
 * Returns: (transfer full): a new client
 */
VarieteClient *
variete_client_new (const char *base_url,
                    const char *api_key)
{
  return g_object_new (VARIETE_TYPE_CLIENT,
                       "base-url", base_url,
                       "api-key", api_key,
                       NULL);
}

/**
 * variete_client_check_url:
 * @url: (nullable): an address the client is about to talk to
 * @error: return location for a %VARIETE_CLIENT_ERROR_INSECURE error
 *
 * Returns: whether @url is an https:// address, or an http:// address of this machine (tests
 *   and the offline demo); anything else would carry the key or the images in the clear
 */
gboolean
variete_client_check_url (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (variete_url_is_allowed (url))
    return TRUE;

  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0)
    g_set_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE,
                 _("“%s” is not a secure address. Use an https:// address; plain http:// is "
                   "only allowed for this computer (127.0.0.1 or localhost)."),
                 url);
  else
    g_set_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE,
                 _("“%s” is not a web address. Use an https:// address."),
                 url ? url : "");

  return FALSE;
}

const char *
variete_client_get_base_url (VarieteClient *self)
{
  g_return_val_if_fail (VARIETE_IS_CLIENT (self), NULL);

  return self->base_url;
}

/* Sets the key sent with every API call. Surrounding white space (a key pasted or read from a
 * file with its newline) is dropped; a key holding control characters is not sent at all,
 * because it could not be a valid header value. */
void
variete_client_set_api_key (VarieteClient *self,
                            const char    *api_key)
{
  g_autofree char *key = NULL;

  g_return_if_fail (VARIETE_IS_CLIENT (self));

  if (api_key != NULL)
    {
      key = g_strstrip (g_strdup (api_key));

      for (const char *p = key; *p; p++)
        {
          if (g_ascii_iscntrl (*p))
            {
              g_clear_pointer (&key, g_free);
              break;
            }
        }
    }

  if (g_strcmp0 (key, self->api_key) == 0)
    return;

  g_free (self->api_key);
  self->api_key = g_steal_pointer (&key);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_API_KEY]);
}

guint
variete_client_get_timeout (VarieteClient *self)
{
  g_return_val_if_fail (VARIETE_IS_CLIENT (self), 0);

  return soup_session_get_timeout (self->session);
}

/* Sets how long, in seconds, the client waits for the server to connect or to answer (60 s by
 * default; 0 waits for ever). Mostly for tests of slow answers. */
void
variete_client_set_timeout (VarieteClient *self,
                            guint          seconds)
{
  g_return_if_fail (VARIETE_IS_CLIENT (self));

  soup_session_set_timeout (self->session, seconds);
}

gsize
variete_client_get_download_limit (VarieteClient *self)
{
  g_return_val_if_fail (VARIETE_IS_CLIENT (self), 0);

  return self->download_limit;
}

/* Sets the largest result download_async() accepts, VARIETE_CLIENT_DOWNLOAD_LIMIT by default.
 * For tests, which cannot afford 64 MiB answers. */
void
variete_client_set_download_limit (VarieteClient *self,
                                   gsize          limit)
{
  g_return_if_fail (VARIETE_IS_CLIENT (self));
  g_return_if_fail (limit > 0);

  self->download_limit = limit;
}

void
variete_client_add_authorization (VarieteClient *self,
                                  SoupMessage   *msg)
{
  g_autofree char *value = NULL;

  if (self->api_key == NULL || self->api_key[0] == '\0')
    return;

  value = g_strconcat ("Bearer ", self->api_key, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
}

void
variete_client_log_answer (SoupMessage *msg)
{
  g_debug ("%s %s -> %u",
           soup_message_get_method (msg),
           g_uri_get_path (soup_message_get_uri (msg)),
           soup_message_get_status (msg));
}

/* Whether @error happened while connecting, that is before a byte of the request was sent.
 * libsoup never re-sends a POST on its own (it restarts only idempotent requests on reused
 * connections), so for a create this is the one case where a second try cannot duplicate it. */
static gboolean
is_connect_error (const GError *error)
{
  return error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
}

/* Turns an error of libsoup or GIO into a VARIETE_CLIENT_ERROR; cancellation goes through as is.
 * Takes @error. */
static GError *
map_transport_error (GError      *error,
                     SoupMessage *msg)
{
  const char *host = g_uri_get_host (soup_message_get_uri (msg));
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  g_debug ("%s %s: %s",
           soup_message_get_method (msg),
           g_uri_get_path (soup_message_get_uri (msg)),
           error->message);

  if (is_connect_error (error))
    mapped = g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_SENT,
                          _("Could not connect to %s (%s). Check the network connection and "
                            "the API address in Preferences."),
                          host, error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    mapped = g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK,
                          _("%s did not answer in time. Try again in a moment."),
                          host);
  else
    mapped = g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK,
                          _("The connection to %s failed (%s). Try again in a moment."),
                          host, error->message);

  g_error_free (error);

  return mapped;
}

/* Ends @task if the transfer behind it did not succeed: if it was cancelled, or if it failed
 * on the wire (@succeeded is %FALSE; @error says why and is taken).
 * Returns: whether @task was ended */
gboolean
variete_client_return_if_failed (GTask    *task,
                                 gboolean  succeeded,
                                 GError  **error)
{
  Request *request = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return TRUE;

  if (!succeeded)
    {
      g_task_return_error (task, map_transport_error (g_steal_pointer (error), request->msg));
      return TRUE;
    }

  return FALSE;
}

GError *
variete_client_new_error_from_message (SoupMessage *msg,
                                       GBytes      *body)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  return variete_client_error_new_from_response (soup_message_get_status (msg), body,
                                                 soup_message_headers_get_one (headers,
                                                                               "Retry-After"));
}

static SoupMessage *
new_api_message (VarieteClient  *self,
                 const char     *method,
                 const char     *path_and_query,
                 GError        **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;

  if (self->base_uri == NULL)
    {
      g_propagate_error (error, g_error_copy (self->base_url_error));
      return NULL;
    }

  url = g_strconcat (self->base_url, path_and_query, NULL);
  if (!(uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL)))
    {
      g_set_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE,
                   _("“%s” is not a web address. Use an https:// address."), url);
      return NULL;
    }

  /* Not followed by libsoup, which would carry the Authorization header along a redirect to
   * another host. */
  msg = variete_http_new_message (method, uri, "application/json");
  variete_client_add_authorization (self, msg);

  return g_steal_pointer (&msg);
}

/* libsoup forgives an answer shorter than its Content-Length when the server closes the
 * connection ("Connection: close"), but a cut answer is a lost answer. A decoded (compressed)
 * body has another length, so only plain bodies are checked. */
gboolean
variete_client_body_is_complete (SoupMessage *msg,
                                 gsize        size)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      (encoding != NULL && g_ascii_strcasecmp (encoding, "identity") != 0))
    return TRUE;

  return (guint64) soup_message_headers_get_content_length (headers) == size;
}

GError *
variete_client_new_cut_short_error (SoupMessage *msg)
{
  return g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK,
                      _("The answer from %s was cut short. Try again in a moment."),
                      g_uri_get_host (soup_message_get_uri (msg)));
}

static gboolean
status_is_expected (RequestKind kind,
                    guint       status)
{
  if (kind == REQUEST_CREATE)
    return status == SOUP_STATUS_ACCEPTED || status == SOUP_STATUS_OK ||
           status == SOUP_STATUS_CREATED;

  return status == SOUP_STATUS_OK;
}

static void
api_request_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SoupSession *session = (SoupSession *)object;
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (task);
  guint status;

  body = soup_session_send_and_read_finish (session, result, &error);

  if (variete_client_return_if_failed (task, body != NULL, &error))
    return;

  variete_client_log_answer (request->msg);
  status = soup_message_get_status (request->msg);

  /* The status decides first: a refusal cut short is still a refusal. */
  if (!status_is_expected (request->kind, status))
    {
      g_task_return_error (task, variete_client_new_error_from_message (request->msg, body));
      return;
    }

  if (!variete_client_body_is_complete (request->msg, g_bytes_get_size (body)))
    {
      g_task_return_error (task, variete_client_new_cut_short_error (request->msg));
      return;
    }

  if (request->kind == REQUEST_LIST)
    {
      GPtrArray *artworks = variete_artwork_list_new_from_bytes (body, &error);

      if (artworks == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, artworks, (GDestroyNotify) g_ptr_array_unref);
    }
  else
    {
      VarieteArtwork *artwork = variete_artwork_new_from_bytes (body, &error);

      if (artwork == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, artwork, g_object_unref);
    }
}

static void
send_api_request (VarieteClient       *self,
                  RequestKind          kind,
                  const char          *method,
                  const char          *path_and_query,
                  GBytes              *body,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  request = variete_client_request_new (kind);
  g_task_set_task_data (task, request, variete_client_request_free);

  if (!(request->msg = new_api_message (self, method, path_and_query, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (body != NULL)
    soup_message_set_request_body_from_bytes (request->msg, "application/json", body);

  soup_session_send_and_read_async (self->session,
                                    request->msg,
                                    G_PRIORITY_DEFAULT,
                                    cancellable,
                                    api_request_read_cb,
                                    g_steal_pointer (&task));
}

/**
 * variete_client_create_async:
 * @self: a #VarieteClient
 * @body: the JSON object to send, as made by variete_request_to_json()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server has answered
 * @user_data: data for @callback
 *
 * Asks for a new artwork (POST /v2/artworks/selena-variete). This costs credits and is not
 * idempotent: see variete-client.h for which errors allow sending it again.
 */
void
variete_client_create_async (VarieteClient       *self,
                             JsonNode            *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;
  char *json;
  gsize length;

  g_return_if_fail (VARIETE_IS_CLIENT (self));
  g_return_if_fail (body != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  json = json_to_string (body, FALSE);
  length = strlen (json);
  bytes = g_bytes_new_take (json, length);

  send_api_request (self, REQUEST_CREATE, SOUP_METHOD_POST, CREATE_PATH, bytes,
                    cancellable, callback, user_data, variete_client_create_async);
}

/**
 * variete_client_create_finish:
 *
 * Returns: (transfer full): the new artwork, normally "starting"
 */
VarieteArtwork *
variete_client_create_finish (VarieteClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (VARIETE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == variete_client_create_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
artwork_id_is_usable (const char *artwork_id)
{
  return artwork_id[0] != '\0' &&
         strchr (artwork_id, '/') == NULL &&
         !g_str_equal (artwork_id, ".") &&
         !g_str_equal (artwork_id, "..");
}

/**
 * variete_client_get_async:
 * @self: a #VarieteClient
 * @artwork_id: the id of an artwork
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server has answered
 * @user_data: data for @callback
 *
 * Fetches the current state of an artwork (GET /v2/artworks/{id}). Refuses an id that could
 * name another path with %VARIETE_CLIENT_ERROR_PROTOCOL.
 */
void
variete_client_get_async (VarieteClient       *self,
                          const char          *artwork_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (VARIETE_IS_CLIENT (self));
  g_return_if_fail (artwork_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (!artwork_id_is_usable (artwork_id))
    {
      g_task_report_new_error (self, callback, user_data, variete_client_get_async,
                               VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                               _("“%s” is not a valid artwork id."), artwork_id);
      return;
    }

  escaped = g_uri_escape_string (artwork_id, NULL, FALSE);
  path = g_strconcat (ARTWORKS_PATH "/", escaped, NULL);

  send_api_request (self, REQUEST_GET, SOUP_METHOD_GET, path, NULL,
                    cancellable, callback, user_data, variete_client_get_async);
}

/**
 * variete_client_get_finish:
 *
 * Returns: (transfer full): the artwork
 */
VarieteArtwork *
variete_client_get_finish (VarieteClient  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (VARIETE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == variete_client_get_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * variete_client_list_async:
 * @self: a #VarieteClient
 * @offset: how many of the newest artworks to skip
 * @limit: how many to return; clamped to 1–500
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server has answered
 * @user_data: data for @callback
 *
 * Lists the artworks made with this key (GET /v2/artworks).
 */
void
variete_client_list_async (VarieteClient       *self,
                           guint                offset,
                           guint                limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (VARIETE_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  limit = CLAMP (limit, 1, MAX_LIST_LIMIT);
  path = g_strdup_printf (ARTWORKS_PATH "?offset=%u&limit=%u", offset, limit);

  send_api_request (self, REQUEST_LIST, SOUP_METHOD_GET, path, NULL,
                    cancellable, callback, user_data, variete_client_list_async);
}

/**
 * variete_client_list_finish:
 *
 * Returns: (transfer full) (element-type VarieteArtwork): the artworks, as the server orders them
 */
GPtrArray *
variete_client_list_finish (VarieteClient  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (VARIETE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == variete_client_list_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
