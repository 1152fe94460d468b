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
#include <libsoup/soup.h>

#include "variete-client.h"

#define DEFAULT_TIMEOUT_SECONDS 60
#define IDLE_TIMEOUT_SECONDS 30
#define MAX_LIST_LIMIT 500
#define READ_CHUNK_SIZE (64 * 1024)
#define MAX_REDIRECTS 5
#define CREATE_PATH "/v2/artworks/selena-variete"
#define ARTWORKS_PATH "/v2/artworks"

struct _VarieteClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  GUri        *base_uri;        /* NULL when base_url is refused … */
  GError      *base_url_error;  /* … and this says why */
  char        *api_key;
  gsize        download_limit;
};

G_DEFINE_FINAL_TYPE (VarieteClient, variete_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef enum
{
  REQUEST_CREATE,
  REQUEST_GET,
  REQUEST_LIST,
  REQUEST_DOWNLOAD,
} RequestKind;

/* The task data of every call. */
typedef struct
{
  RequestKind   kind;
  SoupMessage  *msg;
  GInputStream *stream;        /* downloads: the body being read */
  GByteArray   *buffer;        /* downloads: what was read so far */
  char         *content_type;  /* downloads: the checked type of the result */
  guint         n_redirects;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->msg);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_clear_pointer (&request->content_type, g_free);
  g_free (request);
}

static Request *
request_new (RequestKind kind)
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
      self->base_url = g_strdup (DEFAULT_API_URL);
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

static void
add_authorization (VarieteClient *self,
                   SoupMessage   *msg)
{
  g_autofree char *value = NULL;

  if (self->api_key == NULL || self->api_key[0] == '\0')
    return;

  value = g_strconcat ("Bearer ", self->api_key, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
}

static void
log_answer (SoupMessage *msg)
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

static GError *
new_error_from_message (SoupMessage *msg,
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

  msg = soup_message_new_from_uri (method, uri);

  /* libsoup would carry the Authorization header along a redirect to another host. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Accept", "application/json");
  add_authorization (self, msg);

  return g_steal_pointer (&msg);
}

/* libsoup forgives an answer shorter than its Content-Length when the server closes the
 * connection ("Connection: close"), but a cut answer is a lost answer. A decoded (compressed)
 * body has another length, so only plain bodies are checked. */
static gboolean
body_is_complete (SoupMessage *msg,
                  gsize        size)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      (encoding != NULL && g_ascii_strcasecmp (encoding, "identity") != 0))
    return TRUE;

  return (guint64) soup_message_headers_get_content_length (headers) == size;
}

static GError *
new_cut_short_error (SoupMessage *msg)
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

  if (g_task_return_error_if_cancelled (task))
    return;

  if (body == NULL)
    {
      g_task_return_error (task, map_transport_error (g_steal_pointer (&error), request->msg));
      return;
    }

  log_answer (request->msg);
  status = soup_message_get_status (request->msg);

  /* The status decides first: a refusal cut short is still a refusal. */
  if (!status_is_expected (request->kind, status))
    {
      g_task_return_error (task, new_error_from_message (request->msg, body));
      return;
    }

  if (!body_is_complete (request->msg, g_bytes_get_size (body)))
    {
      g_task_return_error (task, new_cut_short_error (request->msg));
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

  request = request_new (kind);
  g_task_set_task_data (task, request, request_free);

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

/* Downloads */

static const char * const result_types[] = { "image/png", "image/jpeg", "image/webp" };

/* Returns: (nullable): the image type the first bytes of @data announce */
static const char *
sniff_image_type (const guint8 *data,
                  gsize         size)
{
  static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (size >= sizeof png_magic && memcmp (data, png_magic, sizeof png_magic) == 0)
    return "image/png";

  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";

  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";

  return NULL;
}

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
  const char *sniffed = sniff_image_type (request->buffer->data, request->buffer->len);

  /* The bytes are believed over the header: they decide how the image is saved and named. */
  if (sniffed != NULL)
    request->content_type = g_strdup (sniffed);
  else if (!is_generic_type (declared) && is_result_type (declared))
    request->content_type = g_ascii_strdown (declared, -1);
  else
    {
      g_task_return_error (task, new_not_an_image_error (declared));
      return;
    }

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

  if (g_task_return_error_if_cancelled (task))
    return;

  if (bytes == NULL)
    {
      g_task_return_error (task, map_transport_error (g_steal_pointer (&error), request->msg));
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      if (!body_is_complete (request->msg, request->buffer->len))
        g_task_return_error (task, new_cut_short_error (request->msg));
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

static gboolean
follow_redirect (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) target = NULL;
  g_autofree char *url = NULL;

  if (location == NULL || ++request->n_redirects > MAX_REDIRECTS)
    return FALSE;

  target = g_uri_parse_relative (soup_message_get_uri (request->msg), location,
                                 SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL)
    return FALSE;

  url = g_uri_to_string (target);
  start_download (g_object_ref (task), url);

  return TRUE;
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

  if (g_task_return_error_if_cancelled (task))
    return;

  if (stream == NULL)
    {
      g_task_return_error (task, map_transport_error (g_steal_pointer (&error), request->msg));
      return;
    }

  log_answer (request->msg);
  status = soup_message_get_status (request->msg);
  headers = soup_message_get_response_headers (request->msg);

  /* Redirects are followed here rather than by libsoup, so that each hop is checked
   * (https only) and the key is never carried to another origin. */
  if (status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
      status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
      status == SOUP_STATUS_PERMANENT_REDIRECT)
    {
      if (follow_redirect (task))
        return;

      g_task_return_new_error (task, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                               _("The result could not be fetched: the server sent it "
                                 "elsewhere too many times. Try again later."));
      return;
    }

  /* Result hosts refuse or forget results the same way: the key plays no part there, so the
   * answer is that the result is gone, not that the key is wrong. */
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN ||
      status == SOUP_STATUS_GONE)
    {
      g_task_return_error (task, variete_client_error_new_from_response (SOUP_STATUS_NOT_FOUND,
                                                                         NULL, NULL));
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      g_task_return_error (task, new_error_from_message (request->msg, NULL));
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
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  if (!variete_client_check_url (url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
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
  request->msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  soup_message_add_flags (request->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (request->msg),
                                "Accept", "image/webp, image/png, image/jpeg");

  if (is_same_origin (self->base_uri, uri))
    add_authorization (self, request->msg);

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
  g_task_set_task_data (task, request_new (REQUEST_DOWNLOAD), request_free);

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
