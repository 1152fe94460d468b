/* test-fake-server.c
 *
 * The fake API server must hold to API.md as strictly as the real one, or the client tests prove
 * nothing. These tests talk to it with plain libsoup, not with VarieteClient.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>

#include "variete-enums.h"
#include "variete-fake-server.h"
#include "variete-fake-server-private.h"
#include "variete-test-utils.h"

#define WAIT_TIMEOUT_SECONDS 10
#define CREATE_PATH "/v2/artworks/selena-variete"

typedef struct
{
  GMainContext      *context;
  VarieteFakeServer *server;
  SoupSession       *session;
} Fixture;

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  GError             *error;
  gboolean            done;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->context = variete_test_push_context ();
  f->server = variete_test_fake_server_new ();
  f->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->session);
  g_assert_finalize_object (f->server);

  /* Let the sockets' last sources run down before the context goes. */
  variete_test_pop_context (f->context);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &reply->error);
  reply->done = TRUE;
}

/* Sends a request and waits for the answer. @path may be a full URL. */
static Reply *
fetch (Fixture    *f,
       const char *method,
       const char *path,
       const char *key,
       const char *json)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  Reply *reply = g_new0 (Reply, 1);

  if (g_str_has_prefix (path, "http"))
    url = g_strdup (path);
  else
    url = g_strconcat (variete_fake_server_get_base_url (f->server), path, NULL);

  msg = soup_message_new (method, url);
  g_assert_nonnull (msg);

  if (key != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", key, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "Authorization", value);
    }

  if (json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, read_cb, reply);
  variete_test_spin_until (variete_test_flag_is_set, &reply->done, WAIT_TIMEOUT_SECONDS);

  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  return reply;
}

static JsonNode *
reply_get_json (Reply *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  g_assert_no_error (reply->error);
  g_assert_nonnull (reply->body);

  data = g_bytes_get_data (reply->body, &size);
  json_parser_load_from_data (parser, data, (gssize) size, &error);
  g_assert_no_error (error);

  return json_parser_steal_root (parser);
}

/* Returns: the "message" entries of an error answer */
static GStrv
reply_get_messages (Reply *reply)
{
  g_autoptr(JsonNode) root = reply_get_json (reply);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObject *object = json_node_get_object (root);
  JsonNode *message = json_object_get_member (object, "message");

  g_assert_cmpint (json_object_get_int_member (object, "statusCode"), ==, reply->status);

  if (JSON_NODE_HOLDS_ARRAY (message))
    {
      JsonArray *array = json_node_get_array (message);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (builder, json_array_get_string_element (array, i));
    }
  else
    {
      g_strv_builder_add (builder, json_node_get_string (message));
    }

  return g_strv_builder_end (builder);
}

static char *
make_create_body (const char *image_url,
                  const char *extra_members)
{
  return g_strdup_printf ("{\"imageUrl\": \"%s\", \"model\": \"tengrai-20231128-m-d.safetensors\", "
                          "\"batch\": 2, \"prompt\": \"cat\", \"style\": \"default\", "
                          "\"processingMode\": \"reimagine\", \"promptMode\": \"servitor\", "
                          "\"creativity\": 3, \"details\": 3, \"denoising\": 3, "
                          "\"nsfw\": false, \"transparentBackground\": false%s%s}",
                          image_url,
                          extra_members ? ", " : "", extra_members ? extra_members : "");
}

/* Creates a valid artwork and returns its id. */
static char *
create_artwork (Fixture    *f,
                const char *image_url,
                const char *extra_members)
{
  g_autofree char *body = make_create_body (image_url, extra_members);
  g_autoptr(Reply) reply = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY, body);
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpuint (reply->status, ==, 202);
  root = reply_get_json (reply);

  return g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
}

static JsonObject *
poll_artwork (Fixture    *f,
              const char *id)
{
  g_autofree char *path = g_strconcat ("/v2/artworks/", id, NULL);
  g_autoptr(Reply) reply = fetch (f, "GET", path, VARIETE_FAKE_SERVER_KEY, NULL);
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpuint (reply->status, ==, 200);
  root = reply_get_json (reply);

  return json_object_ref (json_node_get_object (root));
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  static const char * const paths[] = { "/v2/artworks/some-id", "/v2/artworks?limit=5" };
  g_autofree char *body = make_create_body ("https://example.com/a.png", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Reply) none = fetch (f, "GET", paths[i], NULL, NULL);
      g_autoptr(Reply) wrong = fetch (f, "GET", paths[i], "wrong-key", NULL);
      g_autoptr(Reply) no_scope = fetch (f, "GET", paths[i], VARIETE_FAKE_SERVER_KEY_NO_SCOPE,
                                         NULL);
      g_auto(GStrv) messages = NULL;

      g_assert_cmpuint (none->status, ==, 401);
      g_assert_cmpuint (wrong->status, ==, 401);
      g_assert_cmpuint (no_scope->status, ==, 403);

      messages = reply_get_messages (none);
      g_assert_cmpstr (messages[0], ==, "Unauthorized");
      g_clear_pointer (&messages, g_strfreev);
      messages = reply_get_messages (no_scope);
      g_assert_cmpstr (messages[0], ==, "Forbidden resource");
    }

  {
    g_autoptr(Reply) none = fetch (f, "POST", CREATE_PATH, NULL, body);
    g_autoptr(Reply) no_scope = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY_NO_SCOPE,
                                       body);

    g_assert_cmpuint (none->status, ==, 401);
    g_assert_cmpuint (no_scope->status, ==, 403);
    g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 0);
  }
}

static gboolean
strv_contains_prefix (const char * const *strv,
                      const char         *prefix)
{
  for (guint i = 0; strv[i]; i++)
    {
      if (g_str_has_prefix (strv[i], prefix))
        return TRUE;
    }

  return FALSE;
}

static void
test_bad_request_lists_every_rule (Fixture       *f,
                                   gconstpointer  data)
{
  static const char body[] =
    "{\"model\": \"gpt\", \"batch\": 3, \"prompt\": 7, \"style\": \"cubism\", "
    "\"processingMode\": \"paint\", \"promptMode\": \"oracle\", \"creativity\": 0, "
    "\"details\": 6, \"denoising\": 2.5, \"aspectRatio\": \"5:4\", \"nsfw\": \"yes\", "
    "\"transparentBackground\": 1, \"colorTone\": \"none\", "
    "\"webhook\": \"http://example.com/hook\", \"seed\": 42}";
  static const char * const expected[] = {
    "property seed should not exist",
    "imageUrl should not be empty",
    "model must be one of the following values: tengrai-20231128-m-d.safetensors, "
      "tengrai-20240423-m-f.safetensors",
    "batch must not be greater than 2",
    "prompt must be a string",
    "style must be one of the following values: default, ",
    "processingMode must be one of the following values: ",
    "promptMode must be one of the following values: seer, servitor",
    "creativity must not be less than 1",
    "details must not be greater than 5",
    "denoising must be an integer number",
    "aspectRatio must be one of the following values: 1:1, ",
    "nsfw must be a boolean value",
    "transparentBackground must be a boolean value",
    "colorTone must be one of the following values: cool, ",
    "webhook must be an https:// URL with a public host",
  };
  g_autoptr(Reply) reply = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY, body);
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) messages = NULL;

  g_assert_cmpuint (reply->status, ==, 400);
  root = reply_get_json (reply);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root),
                                                                "message")));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "error"), ==,
                   "Bad Request");

  messages = reply_get_messages (reply);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (!strv_contains_prefix ((const char * const *) messages, expected[i]))
        g_error ("Missing “%s” in the answer", expected[i]);
    }

  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 0);
}

static void
assert_one_violation (Fixture    *f,
                      const char *extra_members,
                      const char *expected)
{
  g_autofree char *body = make_create_body ("https://example.com/a.png", extra_members);
  g_autoptr(Reply) reply = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY, body);
  g_auto(GStrv) messages = NULL;

  g_assert_cmpuint (reply->status, ==, 400);
  messages = reply_get_messages (reply);
  g_assert_cmpuint (g_strv_length (messages), ==, 1);
  g_assert_cmpstr (messages[0], ==, expected);
}

static void
assert_accepted (Fixture    *f,
                 const char *image_url,
                 const char *extra_members)
{
  g_autofree char *id = create_artwork (f, image_url, extra_members);

  g_assert_true (g_uuid_string_is_valid (id));
}

static void
test_size_rules (Fixture       *f,
                 gconstpointer  data)
{
  assert_one_violation (f, "\"aspectRatio\": \"16:9\", \"width\": 1024, \"height\": 1024",
                        "aspectRatio must not be sent together with width and height");
  assert_one_violation (f, "\"width\": 1024", "height must be sent together with width");
  assert_one_violation (f, "\"height\": 1024", "width must be sent together with height");
  assert_one_violation (f, "\"width\": 1400, \"height\": 1200",
                        "width × height must not be greater than 1478656 pixels");
  assert_one_violation (f, "\"width\": 511, \"height\": 1024", "width must not be less than 512");
  assert_one_violation (f, "\"width\": 1024, \"height\": 2049",
                        "height must not be greater than 2048");

  assert_accepted (f, "https://example.com/a.png", "\"width\": 1216, \"height\": 1216");
  assert_accepted (f, "https://example.com/a.png", "\"width\": 2048, \"height\": 512");
  assert_accepted (f, "https://example.com/a.png", "\"aspectRatio\": \"21:9\"");
}

static void
test_image_url_and_webhook_rules (Fixture       *f,
                                  gconstpointer  data)
{
  static const char * const bad_webhooks[] = {
    "http://example.com/hook", "https://127.0.0.1/hook", "https://localhost/hook",
    "https://10.1.2.3/hook", "https://192.168.0.1/hook", "https://172.16.5.5/hook",
    "https://169.254.169.254/latest", "https://[::1]/hook", "https://[fd00::1]/hook",
    "https://metadata.google.internal/x", "not a url",
  };
  g_autofree char *data_url = variete_test_png_data_url (8, 8, TRUE, 0xff0000ff);
  const char *bad_sources[] = {
    "http://example.com/a.png", "ftp://example.com/a.png", "data:image/gif;base64,R0lG",
    "data:text/html;base64,PGh0bWw+", "data:image/png;base64,", "file:///etc/passwd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_webhooks); i++)
    {
      g_autofree char *member = g_strdup_printf ("\"webhook\": \"%s\"", bad_webhooks[i]);

      assert_one_violation (f, member, "webhook must be an https:// URL with a public host");
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_sources); i++)
    {
      g_autofree char *body = make_create_body (bad_sources[i], NULL);
      g_autoptr(Reply) reply = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY, body);
      g_auto(GStrv) messages = NULL;

      g_assert_cmpuint (reply->status, ==, 400);
      messages = reply_get_messages (reply);
      g_assert_cmpstr (messages[0], ==,
                       "imageUrl must be an https:// URL or a "
                       "data:image/(png|jpeg|webp);base64 URL");
    }

  assert_accepted (f, "https://example.com/a.png", "\"webhook\": \"https://example.com/hook\"");
  assert_accepted (f, "http://127.0.0.1:9/a.png", NULL);
  assert_accepted (f, data_url, "\"colorTone\": \"sepia\"");
}

static void
test_bad_json (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Reply) broken = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY,
                                   "{\"imageUrl\":");
  g_autoptr(Reply) array = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY, "[1, 2]");
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpuint (broken->status, ==, 400);
  root = reply_get_json (broken);
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (json_node_get_object (root),
                                                                "message")));

  g_assert_cmpuint (array->status, ==, 400);
  g_assert_nonnull (variete_fake_server_get_last_create_body (f->server));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (variete_fake_server_get_last_create_body (f->server)));
}

static void
test_create_answer (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *body = make_create_body ("https://example.com/a.png",
                                            "\"aspectRatio\": \"1:1\"");
  g_autoptr(Reply) reply = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY, body);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  JsonObject *artwork;
  JsonObject *parameters;
  JsonNode *sent;

  g_assert_cmpuint (reply->status, ==, 202);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                   "application/json");

  root = reply_get_json (reply);
  artwork = json_node_get_object (root);
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (artwork, "id")));
  g_assert_cmpstr (json_object_get_string_member (artwork, "artworkType"), ==, "selena_variete");
  g_assert_cmpstr (json_object_get_string_member (artwork, "status"), ==, "starting");
  g_assert_cmpfloat (json_object_get_double_member (artwork, "duration"), ==, 0);
  g_assert_false (json_object_has_member (artwork, "results"));

  created_at = g_date_time_new_from_iso8601 (json_object_get_string_member (artwork, "createdAt"),
                                             utc);
  g_assert_nonnull (created_at);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (artwork, "createdAt"), "Z"));

  /* The parameters echo the body. */
  parameters = json_object_get_object_member (artwork, "parameters");
  sent = variete_fake_server_get_last_create_body (f->server);
  g_assert_nonnull (sent);
  {
    g_autoptr(JsonNode) echoed = json_node_init_object (json_node_alloc (), parameters);

    g_assert_true (json_node_equal (echoed, sent));
  }

  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);
}

static void
test_prompt_truncated (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) prompt = g_string_new (NULL);
  g_autofree char *member = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) artwork = NULL;
  const char *echoed;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (prompt, "%sword%u", i ? " " : "", i);

  member = g_strdup_printf ("\"negativePrompt\": \"%s\"", prompt->str);
  id = create_artwork (f, "https://example.com/a.png", member);
  artwork = poll_artwork (f, id);

  echoed = json_object_get_string_member (json_object_get_object_member (artwork, "parameters"),
                                          "negativePrompt");
  g_assert_true (g_str_has_suffix (echoed, "word63"));
}

static void
test_status_progression (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *failed_id = NULL;
  const char *expected[] = { "processing", "processing", "succeeded", "succeeded" };

  variete_fake_server_set_polls_until_done (f->server, 3);
  id = create_artwork (f, "https://example.com/a.png", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(JsonObject) artwork = poll_artwork (f, id);

      g_assert_cmpstr (json_object_get_string_member (artwork, "status"), ==, expected[i]);
      g_assert_cmpint (json_object_has_member (artwork, "results"), ==,
                       g_str_equal (expected[i], "succeeded"));

      if (g_str_equal (expected[i], "succeeded"))
        {
          JsonArray *results = json_object_get_array_member (artwork, "results");
          g_autofree char *first = g_strdup_printf ("%s/results/%s/1.png?sig=0",
                                                    variete_fake_server_get_base_url (f->server),
                                                    id);

          g_assert_cmpuint (json_array_get_length (results), ==, 2);
          g_assert_cmpstr (json_array_get_string_element (results, 0), ==, first);
          g_assert_cmpfloat (json_object_get_double_member (artwork, "duration"), >, 0);
        }
    }

  variete_fake_server_set_polls_until_done (f->server, 1);
  variete_fake_server_set_final_status (f->server, "failed");
  failed_id = create_artwork (f, "https://example.com/a.png", NULL);

  {
    g_autoptr(JsonObject) artwork = poll_artwork (f, failed_id);

    g_assert_cmpstr (json_object_get_string_member (artwork, "status"), ==, "failed");
    g_assert_false (json_object_has_member (artwork, "results"));
  }
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_loader_write_bytes (loader, bytes, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);

  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static void
test_results (Fixture       *f,
              gconstpointer  data)
{
  const char *content_type = data;
  const char *extension = g_str_equal (content_type, "image/png") ? "png" :
                          g_str_equal (content_type, "image/jpeg") ? "jpg" : "webp";
  g_autofree char *source = variete_test_png_data_url (40, 40, TRUE, 0xff0000ff);
  g_autofree char *id = NULL;
  g_autofree char *early = NULL;
  g_autofree char *wrong_ext = NULL;
  g_autoptr(JsonObject) artwork = NULL;
  JsonArray *results;

  if (!variete_fake_server_can_write (content_type))
    {
      g_test_skip ("GdkPixbuf cannot write WebP here (install webp-pixbuf-loader)");
      return;
    }

  variete_fake_server_set_result_format (f->server, content_type);
  variete_fake_server_set_result_size (f->server, 80, 48);
  id = create_artwork (f, source, NULL);

  /* Not before the artwork has succeeded. */
  early = g_strdup_printf ("/results/%s/1.%s", id, extension);
  {
    g_autoptr(Reply) reply = fetch (f, "GET", early, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 404);
  }

  g_clear_pointer (&artwork, json_object_unref);
  artwork = poll_artwork (f, id);
  g_clear_pointer (&artwork, json_object_unref);
  artwork = poll_artwork (f, id);
  g_assert_cmpstr (json_object_get_string_member (artwork, "status"), ==, "succeeded");
  results = json_object_get_array_member (artwork, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      const char *url = json_array_get_string_element (results, i);
      g_autoptr(Reply) reply = NULL;
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      const guchar *pixel;

      g_autofree char *suffix = g_strconcat (extension, "?sig=0", NULL);

      g_assert_true (g_str_has_suffix (url, suffix));

      /* Results need no key. */
      reply = fetch (f, "GET", url, NULL, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                       content_type);

      pixbuf = decode (reply->body);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 80);
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 48);

      /* Made from the red source: inverted, it is cyan (tinted bluer for the second). */
      pixel = gdk_pixbuf_read_pixels (pixbuf) + 24 * gdk_pixbuf_get_rowstride (pixbuf) +
              40 * gdk_pixbuf_get_n_channels (pixbuf);
      g_assert_cmpint (pixel[0], <, 40);
      g_assert_cmpint (pixel[1], >, 215);
      g_assert_cmpint (pixel[2], >, 215);
    }

  wrong_ext = g_strdup_printf ("/results/%s/3.%s", id, extension);
  {
    g_autoptr(Reply) reply = fetch (f, "GET", wrong_ext, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 404);
  }
}

static void
test_bad_source_fails (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;

  id = create_artwork (f, "data:image/png;base64,bm90IGFuIGltYWdl", NULL);
  first = poll_artwork (f, id);
  second = poll_artwork (f, id);
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "failed");
}

static void
test_not_found_and_expired (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *result = NULL;
  g_autoptr(JsonObject) artwork = NULL;
  g_autoptr(Reply) unknown = fetch (f, "GET", "/v2/artworks/3fa85f64-5717-4562-b3fc-2c963f66afa6",
                                    VARIETE_FAKE_SERVER_KEY, NULL);
  g_autoptr(Reply) route = fetch (f, "GET", "/v3/nothing", VARIETE_FAKE_SERVER_KEY, NULL);
  g_auto(GStrv) messages = NULL;

  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_cmpuint (route->status, ==, 404);
  messages = reply_get_messages (route);
  g_assert_cmpstr (messages[0], ==, "Cannot GET /v3/nothing");

  variete_fake_server_set_polls_until_done (f->server, 1);
  id = create_artwork (f, "https://example.com/a.png", NULL);
  artwork = poll_artwork (f, id);
  g_assert_cmpstr (json_object_get_string_member (artwork, "status"), ==, "succeeded");

  variete_fake_server_expire (f->server, id);

  path = g_strconcat ("/v2/artworks/", id, NULL);
  result = g_strdup_printf ("/results/%s/1.png", id);
  {
    g_autoptr(Reply) gone = fetch (f, "GET", path, VARIETE_FAKE_SERVER_KEY, NULL);
    g_autoptr(Reply) gone_result = fetch (f, "GET", result, NULL, NULL);
    g_autoptr(Reply) list = fetch (f, "GET", "/v2/artworks", VARIETE_FAKE_SERVER_KEY, NULL);
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpuint (gone->status, ==, 404);
    g_assert_cmpuint (gone_result->status, ==, 404);
    g_assert_cmpuint (list->status, ==, 200);
    root = reply_get_json (list);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);
  }
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  static const char * const bad[] = {
    "/v2/artworks?limit=0", "/v2/artworks?limit=501", "/v2/artworks?limit=ten",
    "/v2/artworks?offset=-1",
  };
  static const char * const bad_messages[] = {
    "limit must not be less than 1", "limit must not be greater than 500",
    "limit must be an integer number", "offset must not be less than 0",
  };
  g_autofree char *first = create_artwork (f, "https://example.com/1.png", NULL);
  g_autofree char *second = create_artwork (f, "https://example.com/2.png", NULL);
  g_autofree char *third = create_artwork (f, "https://example.com/3.png", NULL);
  g_autoptr(Reply) page = fetch (f, "GET", "/v2/artworks?offset=0&limit=2",
                                 VARIETE_FAKE_SERVER_KEY, NULL);
  g_autoptr(Reply) rest = fetch (f, "GET", "/v2/artworks?offset=2&limit=500",
                                 VARIETE_FAKE_SERVER_KEY, NULL);
  g_autoptr(JsonNode) page_root = reply_get_json (page);
  g_autoptr(JsonNode) rest_root = reply_get_json (rest);
  JsonArray *array;

  /* A bare array, newest first. */
  g_assert_true (JSON_NODE_HOLDS_ARRAY (page_root));
  array = json_node_get_array (page_root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"),
                   ==, third);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "id"),
                   ==, second);

  array = json_node_get_array (rest_root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"),
                   ==, first);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(Reply) reply = fetch (f, "GET", bad[i], VARIETE_FAKE_SERVER_KEY, NULL);
      g_auto(GStrv) messages = NULL;

      g_assert_cmpuint (reply->status, ==, 400);
      messages = reply_get_messages (reply);
      g_assert_cmpstr (messages[0], ==, bad_messages[i]);
    }
}

static void
test_log_and_counters (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected_get = NULL;
  g_autoptr(JsonObject) artwork = NULL;
  g_autoptr(Reply) unauthorized = NULL;
  const char * const *log;

  id = create_artwork (f, "https://example.com/a.png", NULL);
  artwork = poll_artwork (f, id);
  path = g_strconcat ("/v2/artworks/", id, NULL);
  unauthorized = fetch (f, "GET", path, NULL, NULL);
  {
    g_autoptr(Reply) list = fetch (f, "GET", "/v2/artworks?offset=0&limit=10",
                                   VARIETE_FAKE_SERVER_KEY, NULL);
  }

  log = variete_fake_server_get_log (f->server);
  expected_get = g_strdup_printf ("GET %s 200", path);
  g_assert_cmpuint (g_strv_length ((char **) log), ==, 4);
  g_assert_cmpstr (log[0], ==, "POST /v2/artworks/selena-variete 202");
  g_assert_cmpstr (log[1], ==, expected_get);
  g_assert_true (g_str_has_suffix (log[2], " 401"));
  g_assert_cmpstr (log[3], ==, "GET /v2/artworks?offset=0&limit=10 200");

  g_assert_cmpuint (variete_fake_server_get_n_requests (f->server, NULL, NULL), ==, 4);
  g_assert_cmpuint (variete_fake_server_get_n_requests (f->server, "POST", NULL), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_requests (f->server, "GET", "/v2/artworks/"), ==, 2);
  g_assert_cmpuint (variete_fake_server_get_n_requests (f->server, "GET", "/v2/artworks"), ==, 3);
  g_assert_cmpuint (variete_fake_server_get_n_requests_with_key (f->server, "GET", NULL), ==, 2);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);
}

static void
test_fault_rate_limit (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *body = make_create_body ("https://example.com/a.png", NULL);
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) second = NULL;
  g_autoptr(Reply) third = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;

  variete_fake_server_inject_fault (f->server, "POST /v2/artworks",
                                    VARIETE_FAKE_FAULT_RATE_LIMIT, 1);
  variete_fake_server_inject_fault (f->server, "POST /v2/artworks",
                                    VARIETE_FAKE_FAULT_RATE_LIMIT_DATE, 1);

  first = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY, body);
  g_assert_cmpuint (first->status, ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "Retry-After"), ==, "1");

  now = g_date_time_new_now_utc ();
  second = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY, body);
  g_assert_cmpuint (second->status, ==, 429);
  date = soup_date_time_new_from_http_string (soup_message_headers_get_one (second->headers,
                                                                           "Retry-After"));
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_difference (date, now), >, 0);
  g_assert_cmpint (g_date_time_difference (date, now), <=, 3 * G_USEC_PER_SEC);

  /* Rate limited requests were not taken; the fault is used up. */
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 0);
  third = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY, body);
  g_assert_cmpuint (third->status, ==, 202);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);
}

static void
test_fault_after_processing (Fixture       *f,
                             gconstpointer  data)
{
  static const struct { VarieteFakeFault fault; guint status; const char *type; } cases[] = {
    { VARIETE_FAKE_FAULT_SERVER_ERROR, 500, "application/json" },
    { VARIETE_FAKE_FAULT_BAD_GATEWAY, 502, "text/html" },
    { VARIETE_FAKE_FAULT_UNAVAILABLE, 503, "text/html" },
    { VARIETE_FAKE_FAULT_MALFORMED_JSON, 202, "application/json" },
  };
  g_autofree char *body = make_create_body ("https://example.com/a.png", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Reply) reply = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *text;

      variete_fake_server_inject_fault (f->server, "POST " CREATE_PATH, cases[i].fault, 1);
      reply = fetch (f, "POST", CREATE_PATH, VARIETE_FAKE_SERVER_KEY, body);
      g_assert_cmpuint (reply->status, ==, cases[i].status);
      g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                       cases[i].type);

      /* The artwork was made all the same: only the answer was lost. */
      g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, i + 1);

      if (cases[i].fault == VARIETE_FAKE_FAULT_UNAVAILABLE)
        g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Retry-After"), ==, "1");

      if (cases[i].fault == VARIETE_FAKE_FAULT_MALFORMED_JSON)
        {
          text = g_bytes_get_data (reply->body, &size);
          g_assert_false (json_parser_load_from_data (parser, text, (gssize) size, NULL));
        }
    }

  g_assert_true (g_str_has_suffix (variete_fake_server_get_log (f->server)[3], "202 malformed"));
}

static void
test_fault_broken_connections (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Reply) truncated = NULL;
  g_autoptr(Reply) reset = NULL;
  g_autoptr(Reply) after = NULL;
  const char * const *log;

  id = create_artwork (f, "https://example.com/a.png", NULL);
  path = g_strconcat ("/v2/artworks/", id, NULL);

  variete_fake_server_inject_fault (f->server, "GET /v2/artworks/",
                                    VARIETE_FAKE_FAULT_TRUNCATED_BODY, 1);
  truncated = fetch (f, "GET", path, VARIETE_FAKE_SERVER_KEY, NULL);
  g_assert_nonnull (truncated->error);
  g_assert_null (truncated->body);

  variete_fake_server_inject_fault (f->server, NULL, VARIETE_FAKE_FAULT_CONNECTION_RESET, 1);
  reset = fetch (f, "GET", path, VARIETE_FAKE_SERVER_KEY, NULL);
  g_assert_nonnull (reset->error);
  g_assert_null (reset->body);

  after = fetch (f, "GET", path, VARIETE_FAKE_SERVER_KEY, NULL);
  g_assert_cmpuint (after->status, ==, 200);

  log = variete_fake_server_get_log (f->server);
  g_assert_true (g_str_has_suffix (log[1], " 200 truncated"));
  g_assert_true (g_str_has_suffix (log[2], " reset"));
}

static void
test_fault_slow (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  gint64 start;

  variete_fake_server_set_slow_delay_ms (f->server, 300);
  variete_fake_server_inject_fault (f->server, "GET /v2/artworks", VARIETE_FAKE_FAULT_SLOW, 1);

  start = g_get_monotonic_time ();
  reply = fetch (f, "GET", "/v2/artworks", VARIETE_FAKE_SERVER_KEY, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
}

static void
test_fault_download_fails (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *result = NULL;
  g_autoptr(JsonObject) artwork = NULL;

  variete_fake_server_set_polls_until_done (f->server, 1);

  /* Injected for any request, but it only ever hits downloads. */
  variete_fake_server_inject_fault (f->server, NULL, VARIETE_FAKE_FAULT_DOWNLOAD_FAILS, 1);
  id = create_artwork (f, "https://example.com/a.png", NULL);
  artwork = poll_artwork (f, id);

  result = g_strdup_printf ("/results/%s/1.png", id);
  {
    g_autoptr(Reply) failed = fetch (f, "GET", result, NULL, NULL);
    g_autoptr(Reply) works = fetch (f, "GET", result, NULL, NULL);

    g_assert_cmpuint (failed->status, ==, 500);
    g_assert_cmpuint (works->status, ==, 200);
  }
}

static gboolean
server_has_requests (gpointer data)
{
  return variete_fake_server_get_n_requests (data, NULL, NULL) > 0;
}

static void
test_dispose_with_held_answer (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  Reply reply = { 0 };

  /* A slow answer still held when the server goes must not crash nor leak. */
  variete_fake_server_set_slow_delay_ms (f->server, 60000);
  variete_fake_server_inject_fault (f->server, NULL, VARIETE_FAKE_FAULT_SLOW, 1);

  url = g_strconcat (variete_fake_server_get_base_url (f->server), "/v2/artworks", NULL);
  msg = soup_message_new ("GET", url);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, read_cb, &reply);

  variete_test_spin_until (server_has_requests, f->server, WAIT_TIMEOUT_SECONDS);

  g_clear_object (&f->server);
  variete_test_spin_until (variete_test_flag_is_set, &reply.done, WAIT_TIMEOUT_SECONDS);
  g_assert_nonnull (reply.error);
  g_clear_error (&reply.error);

  f->server = variete_fake_server_new (NULL);
}

/* The offline demo's server answers on a thread of its own: a request made while the caller's
 * thread is busy (here, blocked in a synchronous call) is answered, which a server on the
 * caller's own main context could not do. The whole job, down to a result, goes this way. */
static void
test_own_thread (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteFakeServer) server = variete_fake_server_new_for_thread (&error);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) create = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *url = NULL;
  g_autofree char *result_url = NULL;
  const char *json = "{\"imageUrl\": \"https://example.com/a.png\", \"prompt\": \"fox\"}";
  JsonObject *artwork;

  g_assert_no_error (error);
  variete_fake_server_set_polls_until_done (server, 1);
  variete_fake_server_start_thread (server);

  url = g_strconcat (variete_fake_server_get_base_url (server), CREATE_PATH, NULL);
  create = soup_message_new (SOUP_METHOD_POST, url);
  soup_message_headers_replace (soup_message_get_request_headers (create), "Authorization",
                                "Bearer " VARIETE_FAKE_SERVER_KEY);
  soup_message_set_request_body_from_bytes (create, "application/json",
                                            g_bytes_new_static (json, strlen (json)));
  body = soup_session_send_and_read (session, create, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (create), ==, SOUP_STATUS_ACCEPTED);

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             (gssize) g_bytes_get_size (body), &error));
  g_assert_no_error (error);
  artwork = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (json_object_get_string_member (artwork, "id"));

  for (guint polls = 0; polls < 5 && result_url == NULL; polls++)
    {
      g_autoptr(SoupMessage) get = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(JsonParser) poll_parser = json_parser_new ();
      g_autofree char *get_url = NULL;
      JsonObject *polled;

      get_url = g_strconcat (variete_fake_server_get_base_url (server), "/v2/artworks/",
                             json_object_get_string_member (artwork, "id"), NULL);
      get = soup_message_new (SOUP_METHOD_GET, get_url);
      soup_message_headers_replace (soup_message_get_request_headers (get), "Authorization",
                                    "Bearer " VARIETE_FAKE_SERVER_KEY);
      answer = soup_session_send_and_read (session, get, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (get), ==, SOUP_STATUS_OK);
      g_assert_true (json_parser_load_from_data (poll_parser, g_bytes_get_data (answer, NULL),
                                                 (gssize) g_bytes_get_size (answer), &error));
      polled = json_node_get_object (json_parser_get_root (poll_parser));
      if (json_object_has_member (polled, "results"))
        result_url = g_strdup (json_array_get_string_element (
                                 json_object_get_array_member (polled, "results"), 0));
    }
  g_assert_nonnull (result_url);

  {
    g_autoptr(SoupMessage) get = soup_message_new (SOUP_METHOD_GET, result_url);
    g_autoptr(GBytes) image = soup_session_send_and_read (session, get, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (get), ==, SOUP_STATUS_OK);
    g_assert_cmpuint (g_bytes_get_size (image), >, 0);
  }

  /* Disposing stops the thread; nothing is left running. */
  g_assert_finalize_object (g_steal_pointer (&server));
}

int
main (int   argc,
      char *argv[])
{
  g_log_writer_default_set_use_stderr (TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/fake-server/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("auth", test_auth);
  ADD ("bad-request-lists-every-rule", test_bad_request_lists_every_rule);
  ADD ("size-rules", test_size_rules);
  ADD ("image-url-and-webhook-rules", test_image_url_and_webhook_rules);
  ADD ("bad-json", test_bad_json);
  ADD ("create-answer", test_create_answer);
  ADD ("prompt-truncated", test_prompt_truncated);
  ADD ("status-progression", test_status_progression);
  ADD ("bad-source-fails", test_bad_source_fails);
  ADD ("not-found-and-expired", test_not_found_and_expired);
  ADD ("list", test_list);
  ADD ("log-and-counters", test_log_and_counters);
  ADD ("fault-rate-limit", test_fault_rate_limit);
  ADD ("fault-after-processing", test_fault_after_processing);
  ADD ("fault-broken-connections", test_fault_broken_connections);
  ADD ("fault-slow", test_fault_slow);
  ADD ("fault-download-fails", test_fault_download_fails);
  ADD ("dispose-with-held-answer", test_dispose_with_held_answer);

  g_test_add ("/fake-server/results/png", Fixture, "image/png",
              fixture_set_up, test_results, fixture_tear_down);
  g_test_add ("/fake-server/results/jpeg", Fixture, "image/jpeg",
              fixture_set_up, test_results, fixture_tear_down);
  g_test_add ("/fake-server/results/webp", Fixture, "image/webp",
              fixture_set_up, test_results, fixture_tear_down);

#undef ADD

  g_test_add_func ("/fake-server/own-thread", test_own_thread);

  return g_test_run ();
}
