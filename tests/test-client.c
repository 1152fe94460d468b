/* test-client.c
 *
 * VarieteClient against the fake API server (and, for downloads, a tiny server of odd answers):
 * every HTTP status and transport failure must come out as the error code the job and the UI
 * act on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>

#include "variete-client.h"
#include "variete-fake-server.h"
#include "variete-test-utils.h"

#define WAIT_TIMEOUT_SECONDS 15

typedef struct
{
  GMainContext      *context;
  VarieteFakeServer *server;
  VarieteClient     *client;
} Fixture;

/* The test's own server, for answers the fake API never gives. */
typedef struct
{
  SoupServer *server;
  char       *base_url;
  char       *last_authorization;
  char       *last_user_agent;
  char       *elsewhere;
  GBytes     *png;
  GBytes     *jpeg;
} OddServer;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->context = variete_test_push_context ();
  f->server = variete_test_fake_server_new ();
  f->client = variete_test_client_new (f->server);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->server);
  variete_test_pop_context (f->context);
}

static JsonNode *
make_create_body (const char *image_url,
                  const char *extra_members)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  json = g_strdup_printf ("{\"imageUrl\": \"%s\", \"model\": \"tengrai-20231128-m-d.safetensors\", "
                          "\"batch\": 2, \"prompt\": \"cat\", \"style\": \"default\", "
                          "\"processingMode\": \"reimagine\", \"promptMode\": \"servitor\", "
                          "\"creativity\": 3, \"details\": 3, \"denoising\": 3, "
                          "\"aspectRatio\": \"1:1\", \"nsfw\": false, "
                          "\"transparentBackground\": false%s%s}",
                          image_url,
                          extra_members ? ", " : "", extra_members ? extra_members : "");
  node = json_from_string (json, &error);
  g_assert_no_error (error);

  return node;
}

static VarieteArtwork *
create (Fixture        *f,
        VarieteClient  *client,
        JsonNode       *body,
        GCancellable   *cancellable,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) own_body = NULL;

  if (body == NULL)
    body = own_body = make_create_body ("https://example.com/source.png", NULL);

  variete_client_create_async (client, body, cancellable, variete_test_store_result_cb, &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);

  return variete_client_create_finish (client, result, error);
}

static VarieteArtwork *
get (Fixture        *f,
     VarieteClient  *client,
     const char     *id,
     GCancellable   *cancellable,
     GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  variete_client_get_async (client, id, cancellable, variete_test_store_result_cb, &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);

  return variete_client_get_finish (client, result, error);
}

static GPtrArray *
list (Fixture        *f,
      VarieteClient  *client,
      guint           offset,
      guint           limit,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  variete_client_list_async (client, offset, limit, NULL, variete_test_store_result_cb, &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);

  return variete_client_list_finish (client, result, error);
}

static GBytes *
download (Fixture        *f,
          VarieteClient  *client,
          const char     *url,
          char          **content_type,
          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  variete_client_download_async (client, url, NULL, variete_test_store_result_cb, &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);

  return variete_client_download_finish (client, result, content_type, error);
}

/* Creates an artwork and polls it until it has succeeded. */
static VarieteArtwork *
create_succeeded (Fixture       *f,
                  VarieteClient *client)
{
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  artwork = create (f, client, NULL, NULL, &error);
  g_assert_no_error (error);
  id = g_strdup (variete_artwork_get_id (artwork));

  for (guint i = 0;
       i < 5 && variete_artwork_get_status (artwork) != VARIETE_ARTWORK_STATUS_SUCCEEDED;
       i++)
    {
      g_clear_object (&artwork);
      artwork = get (f, client, id, NULL, &error);
      g_assert_no_error (error);
    }

  g_assert_cmpint (variete_artwork_get_status (artwork), ==, VARIETE_ARTWORK_STATUS_SUCCEEDED);

  return g_steal_pointer (&artwork);
}

static void
assert_message_contains (const GError *error,
                         const char   *text)
{
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” is not in the message “%s”", text, error->message);
}

/* Pure mapping */

static void
test_check_url (void)
{
  static const char * const good[] = {
    "https://api.tengr.ai", "https://example.com:8443/v2", "http://127.0.0.1:8080",
    "http://localhost/", "http://[::1]:9000", "http://127.1.2.3",
  };
  static const char * const bad[] = {
    "http://api.tengr.ai", "http://192.168.1.2:8080", "ftp://example.com", "file:///tmp/a.png",
    "not a url", "", "https://", "data:image/png;base64,AAAA",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (variete_client_check_url (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (variete_client_check_url (bad[i], &error));
      g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (variete_client_check_url ("http://api.tengr.ai", &error));
    assert_message_contains (error, "https://");
    g_assert_false (variete_client_check_url (NULL, NULL));
  }
}

static GError *
error_from (guint       status,
            const char *body,
            const char *retry_after)
{
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;

  return variete_client_error_new_from_response (status, bytes, retry_after);
}

static void
test_error_bad_request (void)
{
  g_autoptr(GError) array = NULL;
  g_autoptr(GError) string = NULL;
  g_autoptr(GError) garbage = NULL;
  g_autoptr(GError) empty = NULL;
  g_autoptr(GError) mixed = NULL;

  array = error_from (400, "{\"message\": [\"batch must not be greater than 2\", "
                           "\"property seed should not exist\", \"imageUrl should not be empty\"], "
                           "\"error\": \"Bad Request\", \"statusCode\": 400}", NULL);
  g_assert_error (array, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST);
  assert_message_contains (array, "\nbatch must not be greater than 2\n"
                                  "property seed should not exist\n"
                                  "imageUrl should not be empty");

  string = error_from (400, "{\"message\": \"Unexpected token } in JSON at position 5\", "
                            "\"statusCode\": 400}", NULL);
  g_assert_error (string, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST);
  assert_message_contains (string, "\nUnexpected token } in JSON at position 5");

  garbage = error_from (400, "<html>Bad Request</html>", NULL);
  g_assert_error (garbage, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST);
  g_assert_cmpstr (garbage->message, !=, "");

  empty = error_from (400, NULL, NULL);
  g_assert_error (empty, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST);
  g_assert_cmpstr (empty->message, ==, garbage->message);

  /* Entries that are not strings are skipped, the others kept. */
  mixed = error_from (400, "{\"message\": [42, \"width must not be less than 512\", null]}", NULL);
  assert_message_contains (mixed, "\nwidth must not be less than 512");
  g_assert_null (strstr (mixed->message, "42"));
}

static void
test_error_statuses (void)
{
  static const struct { guint status; int code; const char *text; } cases[] = {
    { 401, VARIETE_CLIENT_ERROR_UNAUTHORIZED, "Check it in Preferences" },
    { 403, VARIETE_CLIENT_ERROR_FORBIDDEN, "generator scope and the artworks domain" },
    { 404, VARIETE_CLIENT_ERROR_NOT_FOUND, "8 days" },
    { 413, VARIETE_CLIENT_ERROR_BAD_REQUEST, "smaller source image" },
    { 429, VARIETE_CLIENT_ERROR_RATE_LIMITED, "Wait a moment" },
    { 500, VARIETE_CLIENT_ERROR_SERVER, "HTTP 500" },
    { 502, VARIETE_CLIENT_ERROR_SERVER, "HTTP 502" },
    { 503, VARIETE_CLIENT_ERROR_SERVER, "HTTP 503" },
    { 504, VARIETE_CLIENT_ERROR_SERVER, "HTTP 504" },
    { 507, VARIETE_CLIENT_ERROR_SERVER, "HTTP 507" },
    { 418, VARIETE_CLIENT_ERROR_PROTOCOL, "HTTP 418" },
    { 301, VARIETE_CLIENT_ERROR_PROTOCOL, "HTTP 301" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = error_from (cases[i].status, "{\"message\": \"x\"}", NULL);

      g_assert_error (error, VARIETE_CLIENT_ERROR, cases[i].code);
      assert_message_contains (error, cases[i].text);
      g_assert_cmpint (variete_client_error_get_retry_after_ms (error), ==, -1);
    }
}

static void
test_error_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 7, 29, 15, 51, 28);
  g_autoptr(GDateTime) real_now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (real_now, 30);
  g_autofree char *later_string = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autoptr(GError) seconds = NULL;
  g_autoptr(GError) date = NULL;
  g_autoptr(GError) past = NULL;
  g_autoptr(GError) none = NULL;
  g_autoptr(GError) unavailable = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  g_assert_cmpint (variete_parse_retry_after_ms ("120", now), ==, 120000);
  g_assert_cmpint (variete_parse_retry_after_ms (" 0 ", now), ==, 0);
  g_assert_cmpint (variete_parse_retry_after_ms ("Mon, 29 Jul 2024 15:51:58 GMT", now), ==, 30000);
  g_assert_cmpint (variete_parse_retry_after_ms ("Mon, 29 Jul 2024 15:50:00 GMT", now), ==, 0);
  g_assert_cmpint (variete_parse_retry_after_ms ("soon", now), ==, -1);
  g_assert_cmpint (variete_parse_retry_after_ms ("-5", now), ==, -1);
  g_assert_cmpint (variete_parse_retry_after_ms ("", now), ==, -1);
  g_assert_cmpint (variete_parse_retry_after_ms (NULL, now), ==, -1);
  g_assert_cmpint (variete_parse_retry_after_ms ("99999999999999999999", now), ==, -1);
  g_assert_cmpint (variete_parse_retry_after_ms ("9999999", now), ==, 24 * 60 * 60 * 1000);

  seconds = error_from (429, NULL, "7");
  g_assert_error (seconds, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpint (variete_client_error_get_retry_after_ms (seconds), ==, 7000);
  assert_message_contains (seconds, "Wait 7 seconds");

  date = error_from (429, NULL, later_string);
  g_assert_cmpint (variete_client_error_get_retry_after_ms (date), >, 25000);
  g_assert_cmpint (variete_client_error_get_retry_after_ms (date), <=, 30000);

  past = error_from (429, NULL, "Sun, 06 Nov 1994 08:49:37 GMT");
  g_assert_cmpint (variete_client_error_get_retry_after_ms (past), ==, 0);

  none = error_from (429, NULL, NULL);
  g_assert_cmpint (variete_client_error_get_retry_after_ms (none), ==, -1);

  unavailable = error_from (503, "<html></html>", "2");
  g_assert_error (unavailable, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_SERVER);
  g_assert_cmpint (variete_client_error_get_retry_after_ms (unavailable), ==, 2000);

  /* The delay travels with the error. */
  copy = g_error_copy (seconds);
  g_assert_cmpint (variete_client_error_get_retry_after_ms (copy), ==, 7000);

  g_assert_cmpint (variete_client_error_get_retry_after_ms (other), ==, -1);
  g_assert_cmpint (variete_client_error_get_retry_after_ms (NULL), ==, -1);
}

/* Against the fake server */

static void
test_happy_path (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(VarieteArtwork) created = NULL;
  g_autoptr(VarieteArtwork) polled = NULL;
  g_autoptr(GPtrArray) artworks = NULL;
  g_autoptr(JsonNode) body = make_create_body ("https://example.com/source.png", NULL);
  g_autoptr(GError) error = NULL;
  const char * const *results;

  g_assert_cmpstr (variete_client_get_base_url (f->client), ==,
                   variete_fake_server_get_base_url (f->server));

  created = create (f, f->client, body, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (variete_artwork_get_status (created), ==, VARIETE_ARTWORK_STATUS_STARTING);
  g_assert_true (json_node_equal (variete_fake_server_get_last_create_body (f->server), body));

  polled = get (f, f->client, variete_artwork_get_id (created), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (variete_artwork_get_status (polled), ==, VARIETE_ARTWORK_STATUS_PROCESSING);
  g_clear_object (&polled);

  polled = get (f, f->client, variete_artwork_get_id (created), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (variete_artwork_get_status (polled), ==, VARIETE_ARTWORK_STATUS_SUCCEEDED);

  results = variete_artwork_get_results (polled);
  g_assert_cmpuint (g_strv_length ((char **) results), ==, 2);

  for (guint i = 0; results[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
      g_autofree char *content_type = NULL;
      GdkPixbuf *pixbuf;

      bytes = download (f, f->client, results[i], &content_type, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (content_type, ==, "image/png");

      gdk_pixbuf_loader_write_bytes (loader, bytes, &error);
      g_assert_no_error (error);
      gdk_pixbuf_loader_close (loader, &error);
      g_assert_no_error (error);
      pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 64);
    }

  artworks = list (f, f->client, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (artworks->len, ==, 1);
  g_assert_cmpstr (variete_artwork_get_id (g_ptr_array_index (artworks, 0)), ==,
                   variete_artwork_get_id (created));
  g_clear_pointer (&artworks, g_ptr_array_unref);

  /* The limit is clamped to what the server accepts. */
  artworks = list (f, f->client, 0, 100000, &error);
  g_assert_no_error (error);
  g_clear_pointer (&artworks, g_ptr_array_unref);
  artworks = list (f, f->client, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (variete_fake_server_get_log (f->server)[6],
                                   "?offset=0&limit=500 200"));
  g_assert_true (g_str_has_suffix (variete_fake_server_get_log (f->server)[7],
                                   "?offset=0&limit=1 200"));

  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);
}

static void
test_http_errors (Fixture       *f,
                  gconstpointer  data)
{
  const char *base_url = variete_fake_server_get_base_url (f->server);
  g_autoptr(VarieteClient) no_key = variete_client_new (base_url, NULL);
  g_autoptr(VarieteClient) wrong_key = variete_client_new (base_url, "nope");
  g_autoptr(VarieteClient) no_scope = variete_client_new (base_url,
                                                          VARIETE_FAKE_SERVER_KEY_NO_SCOPE);
  g_autoptr(JsonNode) invalid = make_create_body ("http://example.com/a.png",
                                                  "\"width\": 1024, \"seed\": 1");
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GError) error = NULL;

  artwork = create (f, no_key, NULL, NULL, &error);
  g_assert_null (artwork);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  artwork = get (f, wrong_key, "3fa85f64-5717-4562-b3fc-2c963f66afa6", NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_UNAUTHORIZED);
  assert_message_contains (error, "The API key is not valid. Check it in Preferences.");
  g_clear_error (&error);

  artwork = create (f, no_scope, NULL, NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_FORBIDDEN);
  g_clear_error (&error);

  artwork = create (f, f->client, invalid, NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST);
  assert_message_contains (error, "\nproperty seed should not exist");
  assert_message_contains (error, "\nimageUrl must be an https:// URL");
  assert_message_contains (error, "\naspectRatio must not be sent together with width and height");
  assert_message_contains (error, "\nheight must be sent together with width");
  g_clear_error (&error);

  artwork = get (f, f->client, "3fa85f64-5717-4562-b3fc-2c963f66afa6", NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_FOUND);
  assert_message_contains (error, "8 days");
  g_clear_error (&error);

  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&no_key));
  g_assert_finalize_object (g_steal_pointer (&wrong_key));
  g_assert_finalize_object (g_steal_pointer (&no_scope));
}

static void
test_expired (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(VarieteArtwork) artwork = create_succeeded (f, f->client);
  g_autoptr(VarieteArtwork) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  variete_fake_server_expire (f->server, variete_artwork_get_id (artwork));

  again = get (f, f->client, variete_artwork_get_id (artwork), NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  bytes = download (f, f->client, variete_artwork_get_results (artwork)[0], NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_FOUND);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GError) error = NULL;
  gint64 delay;

  variete_fake_server_inject_fault (f->server, "POST", VARIETE_FAKE_FAULT_RATE_LIMIT, 1);
  variete_fake_server_inject_fault (f->server, "POST", VARIETE_FAKE_FAULT_RATE_LIMIT_DATE, 1);

  artwork = create (f, f->client, NULL, NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpint (variete_client_error_get_retry_after_ms (error), ==, 1000);
  assert_message_contains (error, "Wait 1 second ");
  g_clear_error (&error);

  artwork = create (f, f->client, NULL, NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_RATE_LIMITED);
  delay = variete_client_error_get_retry_after_ms (error);
  g_assert_cmpint (delay, >=, 0);
  g_assert_cmpint (delay, <=, 2000);
  g_clear_error (&error);

  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 0);

  artwork = create (f, f->client, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (artwork);
}

static void
test_server_errors (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { VarieteFakeFault fault; const char *text; gint64 retry_after; } cases[] = {
    { VARIETE_FAKE_FAULT_SERVER_ERROR, "HTTP 500", -1 },
    { VARIETE_FAKE_FAULT_BAD_GATEWAY, "HTTP 502", -1 },
    { VARIETE_FAKE_FAULT_UNAVAILABLE, "HTTP 503", 1000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VarieteArtwork) artwork = NULL;
      g_autoptr(GError) error = NULL;

      variete_fake_server_inject_fault (f->server, "POST /v2/artworks", cases[i].fault, 1);
      artwork = create (f, f->client, NULL, NULL, &error);
      g_assert_null (artwork);
      g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_SERVER);
      assert_message_contains (error, cases[i].text);
      g_assert_cmpint (variete_client_error_get_retry_after_ms (error), ==, cases[i].retry_after);
    }

  /* The server took each of them: this is why a create is never re-sent after a 5xx. */
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 3);
}

static void
test_malformed_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GPtrArray) artworks = NULL;
  g_autoptr(GError) error = NULL;

  variete_fake_server_inject_fault (f->server, NULL, VARIETE_FAKE_FAULT_MALFORMED_JSON, 2);

  artwork = create (f, f->client, NULL, NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL);
  g_clear_error (&error);

  artworks = list (f, f->client, 0, 10, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL);
}

static void
test_truncated_body (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VarieteArtwork) created = NULL;
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GError) error = NULL;

  variete_fake_server_inject_fault (f->server, "POST", VARIETE_FAKE_FAULT_TRUNCATED_BODY, 1);
  artwork = create (f, f->client, NULL, NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);

  created = create (f, f->client, NULL, NULL, &error);
  g_assert_no_error (error);

  variete_fake_server_inject_fault (f->server, "GET", VARIETE_FAKE_FAULT_TRUNCATED_BODY, 1);
  artwork = get (f, f->client, variete_artwork_get_id (created), NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK);
}

static void
test_connection_reset (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(VarieteClient) fresh = NULL;
  g_autoptr(VarieteArtwork) created = NULL;
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GError) error = NULL;

  variete_fake_server_inject_fault (f->server, "POST", VARIETE_FAKE_FAULT_CONNECTION_RESET, 1);
  artwork = create (f, f->client, NULL, NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK);
  g_clear_error (&error);

  /* The server took it before the connection went, and libsoup did not re-send it. */
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_requests (f->server, "POST", NULL), ==, 1);

  created = create (f, f->client, NULL, NULL, &error);
  g_assert_no_error (error);

  /* A fresh client, so that the GET does not ride on a used connection (libsoup silently
   * re-sends idempotent requests whose reused connection was closed under them). */
  fresh = variete_test_client_new (f->server);
  variete_fake_server_inject_fault (f->server, "GET", VARIETE_FAKE_FAULT_CONNECTION_RESET, 1);
  artwork = get (f, fresh, variete_artwork_get_id (created), NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK);

  g_assert_finalize_object (g_steal_pointer (&fresh));
}

static void
test_connection_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(VarieteClient) client = NULL;
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A bound port that does not listen refuses connections, and no one else can take it. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  client = variete_client_new (url, VARIETE_FAKE_SERVER_KEY);

  artwork = create (f, client, NULL, NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_SENT);
  g_clear_error (&error);

  artwork = get (f, client, "some-id", NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_SENT);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GError) error = NULL;

  variete_client_set_timeout (f->client, 1);
  g_assert_cmpuint (variete_client_get_timeout (f->client), ==, 1);
  variete_fake_server_set_slow_delay_ms (f->server, 3000);
  variete_fake_server_inject_fault (f->server, "POST", VARIETE_FAKE_FAULT_SLOW, 1);

  artwork = create (f, f->client, NULL, NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);
}

static gboolean
server_has_requests (gpointer data)
{
  return variete_fake_server_get_n_requests (data, NULL, NULL) > 0;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_cancellable_cancel (cancelled);
  artwork = create (f, f->client, NULL, cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled while the server takes its time. */
  variete_fake_server_set_slow_delay_ms (f->server, 10000);
  variete_fake_server_inject_fault (f->server, NULL, VARIETE_FAKE_FAULT_SLOW, 1);

  start = g_get_monotonic_time ();
  variete_client_list_async (f->client, 0, 10, cancellable, variete_test_store_result_cb, &result);
  variete_test_spin_until (server_has_requests, f->server, WAIT_TIMEOUT_SECONDS);
  g_cancellable_cancel (cancellable);

  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);
  g_assert_null (variete_client_list_finish (f->client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_bad_id (Fixture       *f,
             gconstpointer  data)
{
  static const char * const ids[] = { "a/b", "..", ".", "" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(VarieteArtwork) artwork = NULL;
      g_autoptr(GError) error = NULL;

      artwork = get (f, f->client, ids[i], NULL, &error);
      g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL);
    }

  g_assert_cmpuint (variete_fake_server_get_n_requests (f->server, NULL, NULL), ==, 0);

  /* Anything else is escaped into one path segment (which the server decodes). */
  {
    g_autoptr(VarieteArtwork) artwork = NULL;
    g_autoptr(GError) error = NULL;

    artwork = get (f, f->client, "a b?c#d", NULL, &error);
    g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_FOUND);
    g_assert_cmpstr (variete_fake_server_get_log (f->server)[0], ==,
                     "GET /v2/artworks/a b?c#d 404");
  }
}

static void
test_insecure_base_url (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(VarieteClient) client = variete_client_new ("http://api.tengr.ai/", "key");
  g_autoptr(VarieteClient) fallback = variete_client_new (NULL, "key");
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GPtrArray) artworks = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (variete_client_get_base_url (client), ==, "http://api.tengr.ai");
  g_assert_cmpstr (variete_client_get_base_url (fallback), ==, "https://api.tengr.ai");

  artwork = create (f, client, NULL, NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE);
  g_clear_error (&error);

  artworks = list (f, client, 0, 10, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE);

  g_assert_finalize_object (g_steal_pointer (&client));
  g_assert_finalize_object (g_steal_pointer (&fallback));
}

static void
test_api_key_cleaned (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) artworks = NULL;
  g_autoptr(GError) error = NULL;

  /* A key read from a file keeps its newline; it must still work. */
  variete_client_set_api_key (f->client, VARIETE_FAKE_SERVER_KEY "\n");
  artworks = list (f, f->client, 0, 10, &error);
  g_assert_no_error (error);
  g_clear_pointer (&artworks, g_ptr_array_unref);

  /* A key that cannot be a header value is not sent at all. */
  variete_client_set_api_key (f->client, "test\r\nX-Evil: 1");
  artworks = list (f, f->client, 0, 10, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (variete_fake_server_get_n_requests_with_key (f->server, NULL, NULL), ==, 1);
}

/* Downloads */

static void
test_download_formats (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const types[] = { "image/jpeg", "image/webp" };

  variete_fake_server_set_polls_until_done (f->server, 1);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(VarieteArtwork) artwork = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *content_type = NULL;

      variete_fake_server_set_result_format (f->server, types[i]);
      artwork = create_succeeded (f, f->client);

      bytes = download (f, f->client, variete_artwork_get_results (artwork)[1], &content_type,
                        &error);
      if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_SERVER))
        {
          /* No WebP encoder here: the fake server says so with a 500. */
          g_test_message ("Cannot make %s results: %s", types[i], error->message);
          continue;
        }

      g_assert_no_error (error);
      g_assert_cmpstr (content_type, ==, types[i]);
    }
}

static void
test_download_limit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VarieteArtwork) artwork = create_succeeded (f, f->client);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *url = variete_artwork_get_results (artwork)[0];
  gsize size;

  g_assert_cmpuint (variete_client_get_download_limit (f->client), ==, 64 * 1024 * 1024);

  bytes = download (f, f->client, url, NULL, &error);
  g_assert_no_error (error);
  size = g_bytes_get_size (bytes);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Exactly the limit is fine, one byte less is not. */
  variete_client_set_download_limit (f->client, size);
  bytes = download (f, f->client, url, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);

  variete_client_set_download_limit (f->client, size - 1);
  bytes = download (f, f->client, url, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL);
  assert_message_contains (error, "The result is larger than");
}

static void
test_download_fails (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VarieteArtwork) artwork = create_succeeded (f, f->client);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *early = NULL;

  variete_fake_server_inject_fault (f->server, NULL, VARIETE_FAKE_FAULT_DOWNLOAD_FAILS, 1);
  bytes = download (f, f->client, variete_artwork_get_results (artwork)[0], NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_SERVER);
  g_clear_error (&error);

  variete_fake_server_inject_fault (f->server, "GET /results/",
                                    VARIETE_FAKE_FAULT_TRUNCATED_BODY, 1);
  bytes = download (f, f->client, variete_artwork_get_results (artwork)[0], NULL, &error);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK);
  g_clear_error (&error);

  bytes = download (f, f->client, variete_artwork_get_results (artwork)[0], NULL, &error);
  g_assert_no_error (error);
}

static void
test_download_insecure_url (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const urls[] = {
    "http://example.com/result.png", "ftp://example.com/result.png", "file:///etc/passwd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = download (f, f->client, urls[i], NULL, &error);
      g_assert_null (bytes);
      g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE);
    }
}

static void
test_key_only_to_api_origin (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(VarieteFakeServer) other = variete_fake_server_new (NULL);
  g_autoptr(VarieteClient) other_client = NULL;
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *url;

  other_client = variete_test_client_new (other);
  artwork = create_succeeded (f, other_client);
  url = variete_artwork_get_results (artwork)[0];

  /* Every API call carried the key. */
  g_assert_cmpuint (variete_fake_server_get_n_requests_with_key (other, NULL, NULL), ==,
                    variete_fake_server_get_n_requests (other, NULL, NULL));

  /* A result on another origin than the client's API: no key. */
  bytes = download (f, f->client, url, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_cmpuint (variete_fake_server_get_n_requests (other, "GET", "/results/"), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_requests_with_key (other, "GET", "/results/"), ==, 0);

  /* On the API's own origin, the key goes along. */
  bytes = download (f, other_client, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (variete_fake_server_get_n_requests_with_key (other, "GET", "/results/"), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&other_client));
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* Odd answers */

static void
set_body (SoupServerMessage *msg,
          const char        *content_type,
          GBytes            *bytes)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);

  if (content_type != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                      g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  else
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

static void
redirect (SoupServerMessage *msg,
          const char        *location)
{
  soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
}

static void
odd_server_cb (SoupServer        *soup_server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  OddServer *odd = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("hello, world", 12);

  g_free (odd->last_authorization);
  odd->last_authorization = g_strdup (soup_message_headers_get_one (request_headers,
                                                                    "Authorization"));
  g_free (odd->last_user_agent);
  odd->last_user_agent = g_strdup (soup_message_headers_get_one (request_headers, "User-Agent"));

  if (g_str_equal (path, "/png"))
    set_body (msg, "image/png", odd->png);
  else if (g_str_equal (path, "/octet-png"))
    set_body (msg, "application/octet-stream", odd->png);
  else if (g_str_equal (path, "/untyped-jpeg"))
    set_body (msg, NULL, odd->jpeg);
  else if (g_str_equal (path, "/mislabelled-jpeg"))
    set_body (msg, "image/png", odd->jpeg);
  else if (g_str_equal (path, "/html"))
    set_body (msg, "text/html", garbage);
  else if (g_str_equal (path, "/octet-garbage"))
    set_body (msg, "application/octet-stream", garbage);
  else if (g_str_equal (path, "/html-as-webp"))
    set_body (msg, "image/webp", garbage);
  else if (g_str_equal (path, "/png-signature-only"))
    {
      g_autoptr(GBytes) head = g_bytes_new_from_bytes (odd->png, 0, 16);

      set_body (msg, "image/png", head);
    }
  else if (g_str_equal (path, "/chunked-big"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      g_autofree char *chunk = g_malloc0 (64 * 1024);

      memcpy (chunk, g_bytes_get_data (odd->png, NULL), MIN (g_bytes_get_size (odd->png), 1024));
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "image/png", NULL);
      for (guint i = 0; i < 8; i++)
        soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, 64 * 1024);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/redirect"))
    redirect (msg, "/png");
  else if (g_str_equal (path, "/redirect-insecure"))
    redirect (msg, "http://example.com/a.png");
  else if (g_str_equal (path, "/redirect-loop"))
    redirect (msg, "/redirect-loop");
  else if (g_str_equal (path, "/redirect-elsewhere"))
    redirect (msg, odd->elsewhere);
  else if (g_str_equal (path, "/forbidden"))
    soup_server_message_set_status (msg, SOUP_STATUS_FORBIDDEN, NULL);
  else if (g_str_equal (path, "/gone"))
    soup_server_message_set_status (msg, SOUP_STATUS_GONE, NULL);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static OddServer *
odd_server_new (void)
{
  OddServer *odd = g_new0 (OddServer, 1);
  g_autoptr(GdkPixbuf) pixbuf = variete_test_new_pixbuf (16, 16, FALSE, 0x336699ff);

  odd->png = variete_test_encode_pixbuf (pixbuf, "png");
  odd->jpeg = variete_test_encode_pixbuf (pixbuf, "jpeg");
  odd->server = variete_test_server_new (odd_server_cb, odd, &odd->base_url);

  return odd;
}

static void
odd_server_free (OddServer *odd)
{
  soup_server_disconnect (odd->server);
  g_assert_finalize_object (odd->server);
  g_free (odd->base_url);
  g_free (odd->last_authorization);
  g_free (odd->last_user_agent);
  g_free (odd->elsewhere);
  g_bytes_unref (odd->png);
  g_bytes_unref (odd->jpeg);
  g_free (odd);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OddServer, odd_server_free)

static GBytes *
download_odd (Fixture     *f,
              OddServer   *odd,
              const char  *path,
              char       **content_type,
              GError     **error)
{
  g_autofree char *url = g_strconcat (odd->base_url, path, NULL);

  return download (f, f->client, url, content_type, error);
}

static void
test_download_content_types (Fixture       *f,
                             gconstpointer  data)
{
  static const struct { const char *path; const char *type; } good[] = {
    { "/png", "image/png" },
    { "/octet-png", "image/png" },
    { "/untyped-jpeg", "image/jpeg" },
    { "/mislabelled-jpeg", "image/jpeg" },
    { "/redirect", "image/png" },
  };
  static const char * const bad[] = {
    "/html", "/octet-garbage", "/redirect-loop", "/missing", "/forbidden", "/gone",
    "/html-as-webp", "/png-signature-only",
  };
  g_autoptr(OddServer) odd = odd_server_new ();

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *content_type = NULL;

      bytes = download_odd (f, odd, good[i].path, &content_type, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (content_type, ==, good[i].type);
    }

  /* Only the API's origin gets the key; everyone gets the user agent. */
  g_assert_null (odd->last_authorization);
  g_assert_cmpstr (odd->last_user_agent, ==, "Variete/" PACKAGE_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *content_type = NULL;
      int code = g_str_equal (bad[i], "/missing") ? VARIETE_CLIENT_ERROR_NOT_FOUND
                 : g_str_equal (bad[i], "/forbidden") || g_str_equal (bad[i], "/gone")
                 ? VARIETE_CLIENT_ERROR_LINK_REFUSED
                 : VARIETE_CLIENT_ERROR_PROTOCOL;

      bytes = download_odd (f, odd, bad[i], &content_type, &error);
      g_assert_null (bytes);
      g_assert_null (content_type);
      g_assert_error (error, VARIETE_CLIENT_ERROR, code);
    }

  {
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    bytes = download_odd (f, odd, "/redirect-insecure", NULL, &error);
    g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE);
    /* The server sent it there, not the artist's API address. */
    g_assert_nonnull (strstr (error->message, "http://example.com/a.png"));
    g_assert_nonnull (strstr (error->message, "not the cause"));
  }
}

static void
test_download_redirect_drops_key (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(OddServer) odd = odd_server_new ();
  g_autoptr(VarieteArtwork) artwork = create_succeeded (f, f->client);
  g_autoptr(VarieteClient) client = variete_client_new (odd->base_url, VARIETE_FAKE_SERVER_KEY);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (odd->base_url, "/redirect-elsewhere", NULL);

  /* The first hop is on the client's own origin, the second is not. */
  odd->elsewhere = g_strdup (variete_artwork_get_results (artwork)[0]);
  bytes = download (f, client, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  g_assert_cmpstr (odd->last_authorization, ==, "Bearer " VARIETE_FAKE_SERVER_KEY);
  g_assert_cmpuint (variete_fake_server_get_n_requests (f->server, "GET", "/results/"), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_requests_with_key (f->server, "GET", "/results/"),
                    ==, 0);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_download_limit_while_reading (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(OddServer) odd = odd_server_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* No Content-Length to check first: the reading itself must stop at the limit. */
  variete_client_set_download_limit (f->client, 100 * 1024);
  bytes = download_odd (f, odd, "/chunked-big", NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL);
  assert_message_contains (error, "The result is larger than");
  g_clear_error (&error);

  variete_client_set_download_limit (f->client, 1024 * 1024);
  bytes = download_odd (f, odd, "/chunked-big", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 8 * 64 * 1024);
}

/* A server of canned bytes, for answers libsoup's own server would not send. */
typedef struct
{
  GSocketConnection *connection;
  const char        *answer;
  char               buffer[4096];
} RawExchange;

static void
raw_request_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  RawExchange *exchange = user_data;
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (exchange->connection));

  /* The request is read first: closing on unread data would send a reset instead. */
  g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);
  g_output_stream_write_all (output, exchange->answer, strlen (exchange->answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (exchange->connection), NULL, NULL);

  g_object_unref (exchange->connection);
  g_free (exchange);
}

static gboolean
raw_incoming_cb (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source_object,
                 gpointer           user_data)
{
  RawExchange *exchange = g_new0 (RawExchange, 1);

  exchange->connection = g_object_ref (connection);
  exchange->answer = user_data;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                             exchange->buffer, sizeof exchange->buffer, G_PRIORITY_DEFAULT,
                             NULL, raw_request_read_cb, exchange);

  return TRUE;
}

static GSocketService *
raw_server_new (const char  *answer,
                char       **base_url)
{
  GSocketService *service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (raw_incoming_cb), (gpointer) answer);
  g_socket_service_start (service);

  *base_url = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));

  return service;
}

static void
raw_server_free (GSocketService *service)
{
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_object_unref (service);
}

static void
test_cut_short_before_close (Fixture       *f,
                             gconstpointer  data)
{
  static const char json_answer[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
    "Connection: close\r\n\r\n[]";
  static const char png_answer[] =
    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 100\r\n"
    "Connection: close\r\n\r\n\x89PNG\r\n\x1a\n";
  g_autofree char *json_url = NULL;
  g_autofree char *png_url = NULL;
  GSocketService *json_server = raw_server_new (json_answer, &json_url);
  GSocketService *png_server = raw_server_new (png_answer, &png_url);
  g_autoptr(VarieteClient) client = variete_client_new (json_url, "key");
  g_autoptr(GPtrArray) artworks = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *result_url = g_strconcat (png_url, "/results/x/1.png", NULL);

  /* libsoup takes the short body as the whole answer here: the client must not. */
  artworks = list (f, client, 0, 10, &error);
  g_assert_null (artworks);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK);
  assert_message_contains (error, "cut short");
  g_clear_error (&error);

  bytes = download (f, client, result_url, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK);

  g_assert_finalize_object (g_steal_pointer (&client));
  raw_server_free (json_server);
  raw_server_free (png_server);
}

int
main (int   argc,
      char *argv[])
{
  g_log_writer_default_set_use_stderr (TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/check-url", test_check_url);
  g_test_add_func ("/client/error/bad-request", test_error_bad_request);
  g_test_add_func ("/client/error/statuses", test_error_statuses);
  g_test_add_func ("/client/error/retry-after", test_error_retry_after);

#define ADD(name, func) \
  g_test_add ("/client/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("happy-path", test_happy_path);
  ADD ("http-errors", test_http_errors);
  ADD ("expired", test_expired);
  ADD ("rate-limited", test_rate_limited);
  ADD ("server-errors", test_server_errors);
  ADD ("malformed-json", test_malformed_json);
  ADD ("truncated-body", test_truncated_body);
  ADD ("cut-short-before-close", test_cut_short_before_close);
  ADD ("connection-reset", test_connection_reset);
  ADD ("connection-refused", test_connection_refused);
  ADD ("timeout", test_timeout);
  ADD ("cancel", test_cancel);
  ADD ("bad-id", test_bad_id);
  ADD ("insecure-base-url", test_insecure_base_url);
  ADD ("api-key-cleaned", test_api_key_cleaned);
  ADD ("download/formats", test_download_formats);
  ADD ("download/limit", test_download_limit);
  ADD ("download/limit-while-reading", test_download_limit_while_reading);
  ADD ("download/fails", test_download_fails);
  ADD ("download/insecure-url", test_download_insecure_url);
  ADD ("download/content-types", test_download_content_types);
  ADD ("download/redirect-drops-key", test_download_redirect_drops_key);
  ADD ("download/key-only-to-api-origin", test_key_only_to_api_origin);

#undef ADD

  return g_test_run ();
}
