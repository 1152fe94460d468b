/* test-artwork.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-artwork.h"
#include "variete-error.h"

static VarieteArtwork *
parse (const char  *text,
       GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return variete_artwork_new_from_bytes (bytes, error);
}

static VarieteArtwork *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  VarieteArtwork *artwork = parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (artwork);

  return artwork;
}

static void
assert_protocol_error (const char *text,
                       const char *fragment)
{
  g_autoptr(GError) error = NULL;
  VarieteArtwork *artwork = parse (text, &error);

  g_assert_null (artwork);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” is not in the message “%s”", fragment, error->message);
}

static void
test_minimal (void)
{
  VarieteArtwork *artwork = parse_ok ("{\"id\": \"3fa85f64-5717-4562-b3fc-2c963f66afa6\"}");
  const char * const *results;

  g_assert_cmpstr (variete_artwork_get_id (artwork), ==, "3fa85f64-5717-4562-b3fc-2c963f66afa6");
  g_assert_null (variete_artwork_get_artwork_type (artwork));
  g_assert_cmpint (variete_artwork_get_status (artwork), ==, VARIETE_ARTWORK_STATUS_UNKNOWN);
  g_assert_null (variete_artwork_get_status_string (artwork));
  results = variete_artwork_get_results (artwork);
  g_assert_nonnull (results);
  g_assert_null (results[0]);
  g_assert_cmpuint (variete_artwork_get_n_results (artwork), ==, 0);
  g_assert_cmpfloat (variete_artwork_get_duration (artwork), ==, 0.0);
  g_assert_null (variete_artwork_get_created_at (artwork));
  g_assert_null (variete_artwork_get_parameters (artwork));

  g_assert_finalize_object (artwork);
}

static void
test_full (void)
{
  VarieteArtwork *artwork = parse_ok (
    "{ \"id\": \"3fa85f64-5717-4562-b3fc-2c963f66afa6\", \"artworkType\": \"selena_variete\","
    "  \"parameters\": { \"imageUrl\": \"https://x.example/s.png\", \"model\": "
    "    \"tengrai-20231128-m-d.safetensors\", \"batch\": 2, \"prompt\": \"cat\" },"
    "  \"duration\": 12.5, \"results\": [\"https://cdn.example/1.webp\","
    "    \"https://cdn.example/2.webp\"],"
    "  \"status\": \"succeeded\", \"createdAt\": \"2024-07-29T15:51:28.071Z\" }");
  const char * const *results;
  JsonObject *parameters;
  GDateTime *created_at;

  g_assert_cmpstr (variete_artwork_get_id (artwork), ==, "3fa85f64-5717-4562-b3fc-2c963f66afa6");
  g_assert_cmpstr (variete_artwork_get_artwork_type (artwork), ==, "selena_variete");
  g_assert_cmpint (variete_artwork_get_status (artwork), ==, VARIETE_ARTWORK_STATUS_SUCCEEDED);
  g_assert_cmpstr (variete_artwork_get_status_string (artwork), ==, "succeeded");
  g_assert_cmpfloat (variete_artwork_get_duration (artwork), ==, 12.5);

  results = variete_artwork_get_results (artwork);
  g_assert_cmpuint (g_strv_length ((char **)results), ==, 2);
  g_assert_cmpuint (variete_artwork_get_n_results (artwork), ==, 2);
  g_assert_cmpstr (results[0], ==, "https://cdn.example/1.webp");
  g_assert_cmpstr (results[1], ==, "https://cdn.example/2.webp");

  created_at = variete_artwork_get_created_at (artwork);
  g_assert_nonnull (created_at);
  g_assert_cmpint (g_date_time_get_year (created_at), ==, 2024);
  g_assert_cmpint (g_date_time_get_month (created_at), ==, 7);
  g_assert_cmpint (g_date_time_get_day_of_month (created_at), ==, 29);
  g_assert_cmpint (g_date_time_get_hour (created_at), ==, 15);
  g_assert_cmpint (g_date_time_get_minute (created_at), ==, 51);
  g_assert_cmpint (g_date_time_get_second (created_at), ==, 28);
  g_assert_cmpint (g_date_time_get_utc_offset (created_at), ==, 0);

  parameters = variete_artwork_get_parameters (artwork);
  g_assert_nonnull (parameters);
  g_assert_cmpstr (json_object_get_string_member (parameters, "prompt"), ==, "cat");
  g_assert_cmpint (json_object_get_int_member (parameters, "batch"), ==, 2);

  g_assert_finalize_object (artwork);
}

static void
test_unknown_fields (void)
{
  VarieteArtwork *artwork = parse_ok (
    "{\"id\": \"a1\", \"status\": \"processing\", \"progress\": 0.4, \"queue\": {\"pos\": [1, 2]},"
    " \"flags\": null, \"extra\": [true]}");

  g_assert_cmpstr (variete_artwork_get_id (artwork), ==, "a1");
  g_assert_cmpint (variete_artwork_get_status (artwork), ==, VARIETE_ARTWORK_STATUS_PROCESSING);

  g_assert_finalize_object (artwork);
}

static void
test_unknown_artwork_type (void)
{
  VarieteArtwork *artwork = parse_ok (
    "{\"id\": \"a2\", \"artworkType\": \"future_generator\", \"status\": \"starting\","
    " \"futureField\": {\"a\": 1}}");

  g_assert_cmpstr (variete_artwork_get_artwork_type (artwork), ==, "future_generator");
  g_assert_cmpint (variete_artwork_get_status (artwork), ==, VARIETE_ARTWORK_STATUS_STARTING);

  g_assert_finalize_object (artwork);
}

static void
test_status_strings (void)
{
  struct {
    const char           *text;
    VarieteArtworkStatus  status;
    gboolean              final;
  } cases[] = {
    { "starting", VARIETE_ARTWORK_STATUS_STARTING, FALSE },
    { "processing", VARIETE_ARTWORK_STATUS_PROCESSING, FALSE },
    { "succeeded", VARIETE_ARTWORK_STATUS_SUCCEEDED, TRUE },
    { "failed", VARIETE_ARTWORK_STATUS_FAILED, TRUE },
    { "canceled", VARIETE_ARTWORK_STATUS_CANCELED, TRUE },
    { "cancelled", VARIETE_ARTWORK_STATUS_CANCELED, TRUE },
    { "Succeeded", VARIETE_ARTWORK_STATUS_SUCCEEDED, TRUE },
    { "queued", VARIETE_ARTWORK_STATUS_UNKNOWN, FALSE },
    { "", VARIETE_ARTWORK_STATUS_UNKNOWN, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"id\": \"s%u\", \"status\": \"%s\"}",
                                               i, cases[i].text);
      VarieteArtwork *artwork = parse_ok (text);

      g_assert_cmpint (variete_artwork_get_status (artwork), ==, cases[i].status);
      g_assert_cmpstr (variete_artwork_get_status_string (artwork), ==, cases[i].text);
      g_assert_cmpint (variete_artwork_status_is_final (cases[i].status), ==, cases[i].final);
      g_assert_cmpint (variete_artwork_status_from_string (cases[i].text), ==, cases[i].status);

      g_assert_finalize_object (artwork);
    }

  g_assert_cmpstr (variete_artwork_status_to_string (VARIETE_ARTWORK_STATUS_STARTING),
                   ==, "starting");
  g_assert_cmpstr (variete_artwork_status_to_string (VARIETE_ARTWORK_STATUS_CANCELED),
                   ==, "canceled");
  g_assert_cmpstr (variete_artwork_status_to_string (VARIETE_ARTWORK_STATUS_UNKNOWN),
                   ==, "unknown");
  g_assert_cmpint (variete_artwork_status_from_string (NULL), ==, VARIETE_ARTWORK_STATUS_UNKNOWN);
  g_assert_false (variete_artwork_status_is_final (VARIETE_ARTWORK_STATUS_UNKNOWN));
}

static void
test_results_only_when_succeeded (void)
{
  const char *statuses[] = { "starting", "processing", "failed", "canceled", "mystery" };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *text = NULL;
      VarieteArtwork *artwork;

      /* Left-over results, even unusable ones, are ignored before success. */
      text = g_strdup_printf ("{\"id\": \"r%u\", \"status\": \"%s\","
                              " \"results\": [\"https://cdn.example/1.webp\", \"http://x/2\", 3]}",
                              i, statuses[i]);
      artwork = parse_ok (text);
      g_assert_cmpuint (variete_artwork_get_n_results (artwork), ==, 0);
      g_assert_null (variete_artwork_get_results (artwork)[0]);

      g_assert_finalize_object (artwork);
    }

  {
    VarieteArtwork *artwork = parse_ok ("{\"id\": \"r\", \"status\": \"succeeded\","
                                        " \"results\": []}");

    g_assert_cmpuint (variete_artwork_get_n_results (artwork), ==, 0);
    g_assert_finalize_object (artwork);
  }
}

static void
test_insecure_results_refused (void)
{
  const char *urls[] = {
    "\"http://cdn.example/1.webp\"",
    "\"http://10.0.0.1/1.webp\"",
    "\"ftp://cdn.example/1.webp\"",
    "\"file:///etc/passwd\"",
    "\"javascript:alert(1)\"",
    "\"data:image/png;base64,AAAA\"",
    "\"//cdn.example/1.webp\"",
    "\"https://\"",
    "\"\"",
    "3",
    "null",
    "{\"url\": \"https://cdn.example/1.webp\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *text = NULL;

      g_autoptr(GError) error = NULL;
      VarieteArtwork *artwork;

      text = g_strdup_printf ("{\"id\": \"bad\", \"status\": \"succeeded\","
                              " \"results\": [\"https://cdn.example/ok.webp\", %s]}", urls[i]);

      /* An address that is not secure will not become so by asking again: INSECURE, which
       * a job does not wait out, and a message that does not send the artist to their
       * settings. Anything that is not an address at all is a PROTOCOL error. */
      if (urls[i][0] != '"')
        {
          assert_protocol_error (text, NULL);
          continue;
        }

      artwork = parse (text, &error);
      g_assert_null (artwork);
      g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE);
      g_assert_null (strstr (error->message, "Preferences"));
      g_assert_nonnull (strstr (error->message, "not the cause"));
    }
}

static void
test_loopback_results_accepted (void)
{
  VarieteArtwork *artwork = parse_ok (
    "{\"id\": \"lo\", \"status\": \"succeeded\", \"results\": ["
    " \"http://127.0.0.1:41234/results/lo/1.png\", \"http://localhost/2.jpg\","
    " \"http://[::1]:8080/3.webp\", \"HTTPS://cdn.example/4.webp\"]}");
  const char * const *results = variete_artwork_get_results (artwork);

  g_assert_cmpuint (variete_artwork_get_n_results (artwork), ==, 4);
  g_assert_cmpstr (results[0], ==, "http://127.0.0.1:41234/results/lo/1.png");
  g_assert_cmpstr (results[2], ==, "http://[::1]:8080/3.webp");

  g_assert_finalize_object (artwork);
}

static void
test_url_is_allowed (void)
{
  const char *allowed[] = {
    "https://cdn.example/1.webp",
    "https://8.8.8.8/x.png",
    "https://127.0.0.1/x.png",
    "http://127.0.0.1/x.png",
    "http://127.1.2.3:9000/x.png",
    "http://localhost:8000/x",
    "http://LocalHost/x",
    "http://[::1]/x",
  };
  const char *refused[] = {
    NULL,
    "",
    "http://cdn.example/1.webp",
    "http://192.168.1.2/x.png",
    "http://localhost.example.com/x",
    "http://127.0.0.1.example.com/x",
    "ftp://cdn.example/x",
    "https:relative",
    "cdn.example/x.png",
    "https://cdn.example/a b.webp",
    "https://cdn.ex ample/a.webp",
    "https://cdn.example/a.webp\n",
    "http://127.0.0.1%2Eevil.example/x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      if (!variete_url_is_allowed (allowed[i]))
        g_error ("“%s” refused", allowed[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      if (variete_url_is_allowed (refused[i]))
        g_error ("“%s” allowed", refused[i]);
    }

  g_assert_true (variete_url_is_loopback ("http://127.0.0.1:8080"));
  g_assert_true (variete_url_is_loopback ("https://localhost/"));
  g_assert_false (variete_url_is_loopback ("https://api.tengr.ai"));
  g_assert_false (variete_url_is_loopback ("ftp://127.0.0.1/"));
}

static void
test_bad_ids (void)
{
  assert_protocol_error ("{\"status\": \"starting\"}", "id");
  assert_protocol_error ("{\"id\": \"\"}", "id");
  assert_protocol_error ("{\"id\": 42}", "id");
  assert_protocol_error ("{\"id\": null}", "id");
  assert_protocol_error ("{\"id\": [\"a\"]}", "id");
  /* Ids end up in URL paths and file names. */
  assert_protocol_error ("{\"id\": \"../../etc/passwd\"}", "id");
  assert_protocol_error ("{\"id\": \"..\"}", "id");
  assert_protocol_error ("{\"id\": \"a/b\"}", "id");
  assert_protocol_error ("{\"id\": \"a b\"}", "id");
  assert_protocol_error ("{\"id\": \"a?b\"}", "id");
}

static void
test_not_an_object (void)
{
  g_autoptr(GError) error = NULL;

  assert_protocol_error ("[]", "artwork");
  assert_protocol_error ("[{\"id\": \"a\"}]", "artwork");
  assert_protocol_error ("\"a\"", "artwork");
  assert_protocol_error ("42", "artwork");
  assert_protocol_error ("null", NULL);

  g_assert_null (variete_artwork_new_from_json (NULL, &error));
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL);
}

static void
test_invalid_json (void)
{
  const char *texts[] = {
    "",
    "{",
    "{\"id\": \"a\"",
    "{\"id\": \"a\",}",
    "not json",
    "<html><body>502 Bad Gateway</body></html>",
    "{\"id\": \"a\"} trailing",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_protocol_error (texts[i], "The server sent an answer that is not valid JSON");

  /* Not UTF-8. */
  assert_protocol_error ("{\"id\": \"\xff\xfe\"}", NULL);
}

static void
test_wrong_typed_optional_fields (void)
{
  VarieteArtwork *artwork = parse_ok (
    "{\"id\": \"w\", \"artworkType\": 5, \"status\": 3, \"duration\": \"long\","
    " \"createdAt\": 1722268288, \"parameters\": \"prompt=cat\", \"results\": \"https://a/1\"}");

  g_assert_cmpstr (variete_artwork_get_id (artwork), ==, "w");
  g_assert_null (variete_artwork_get_artwork_type (artwork));
  g_assert_cmpint (variete_artwork_get_status (artwork), ==, VARIETE_ARTWORK_STATUS_UNKNOWN);
  g_assert_null (variete_artwork_get_status_string (artwork));
  g_assert_cmpfloat (variete_artwork_get_duration (artwork), ==, 0.0);
  g_assert_null (variete_artwork_get_created_at (artwork));
  g_assert_null (variete_artwork_get_parameters (artwork));
  g_assert_cmpuint (variete_artwork_get_n_results (artwork), ==, 0);
  g_assert_finalize_object (artwork);

  /* A results member that is not an array is ignored, even on success. */
  artwork = parse_ok ("{\"id\": \"w2\", \"status\": \"succeeded\", \"results\": {\"a\": 1},"
                      " \"duration\": 7, \"createdAt\": \"yesterday\"}");
  g_assert_cmpint (variete_artwork_get_status (artwork), ==, VARIETE_ARTWORK_STATUS_SUCCEEDED);
  g_assert_cmpuint (variete_artwork_get_n_results (artwork), ==, 0);
  g_assert_cmpfloat (variete_artwork_get_duration (artwork), ==, 7.0);
  g_assert_null (variete_artwork_get_created_at (artwork));
  g_assert_finalize_object (artwork);

  /* A time without an offset is read as UTC. */
  artwork = parse_ok ("{\"id\": \"w3\", \"createdAt\": \"2024-07-29T15:51:28\"}");
  g_assert_nonnull (variete_artwork_get_created_at (artwork));
  g_assert_cmpint (g_date_time_get_utc_offset (variete_artwork_get_created_at (artwork)), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (variete_artwork_get_created_at (artwork)), ==, 15);
  g_assert_finalize_object (artwork);
}

static void
test_from_json_node (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  VarieteArtwork *artwork;

  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"id\": \"n\", \"status\": \"failed\"}", -1,
                                             NULL));
  artwork = variete_artwork_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_cmpint (variete_artwork_get_status (artwork), ==, VARIETE_ARTWORK_STATUS_FAILED);
  g_assert_finalize_object (artwork);
}

static void
test_parameters_outlive_node (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  VarieteArtwork *artwork;

  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"id\": \"p\", \"parameters\": {\"style\": "
                                             "\"manga\"}}", -1, NULL));
  artwork = variete_artwork_new_from_json (json_parser_get_root (parser), NULL);
  g_clear_object (&parser);

  g_assert_cmpstr (json_object_get_string_member (variete_artwork_get_parameters (artwork),
                                                  "style"),
                   ==, "manga");
  g_assert_finalize_object (artwork);
}

static const char list_text[] =
  "[{\"id\": \"one\", \"status\": \"succeeded\", \"results\": [\"https://c.example/1.webp\"]},"
  " {\"status\": \"starting\"},"
  " {\"id\": \"two\", \"status\": \"processing\"},"
  " 42,"
  " {\"id\": \"bad\", \"status\": \"succeeded\", \"results\": [\"http://c.example/1.webp\"]},"
  " {\"id\": \"three\", \"status\": \"whatever\"}]";

static void
test_list (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  VarieteArtwork *artworks[3];

  bytes = g_bytes_new_static (list_text, strlen (list_text));

  list = variete_artwork_list_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);

  /* Unusable entries are skipped; the others keep their order. */
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      artworks[i] = g_object_ref (g_ptr_array_index (list, i));
      g_assert_true (VARIETE_IS_ARTWORK (artworks[i]));
    }
  g_assert_cmpstr (variete_artwork_get_id (artworks[0]), ==, "one");
  g_assert_cmpuint (variete_artwork_get_n_results (artworks[0]), ==, 1);
  g_assert_cmpstr (variete_artwork_get_id (artworks[1]), ==, "two");
  g_assert_cmpstr (variete_artwork_get_id (artworks[2]), ==, "three");
  g_assert_cmpint (variete_artwork_get_status (artworks[2]), ==, VARIETE_ARTWORK_STATUS_UNKNOWN);

  /* The array owns its elements. */
  g_clear_pointer (&list, g_ptr_array_unref);
  for (guint i = 0; i < 3; i++)
    g_assert_finalize_object (artworks[i]);
}

static void
test_list_errors (void)
{
  const char *texts[] = { "{\"id\": \"a\"}", "\"list\"", "", "[", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (texts[i], strlen (texts[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = NULL;

      list = variete_artwork_list_new_from_bytes (bytes, &error);
      g_assert_null (list);
      g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL);
    }

  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("[]", 2);
    g_autoptr(GPtrArray) list = variete_artwork_list_new_from_bytes (bytes, NULL);

    g_assert_nonnull (list);
    g_assert_cmpuint (list->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/artwork/minimal", test_minimal);
  g_test_add_func ("/artwork/full", test_full);
  g_test_add_func ("/artwork/unknown-fields", test_unknown_fields);
  g_test_add_func ("/artwork/unknown-artwork-type", test_unknown_artwork_type);
  g_test_add_func ("/artwork/status-strings", test_status_strings);
  g_test_add_func ("/artwork/results-only-when-succeeded", test_results_only_when_succeeded);
  g_test_add_func ("/artwork/insecure-results-refused", test_insecure_results_refused);
  g_test_add_func ("/artwork/loopback-results-accepted", test_loopback_results_accepted);
  g_test_add_func ("/artwork/url-is-allowed", test_url_is_allowed);
  g_test_add_func ("/artwork/bad-ids", test_bad_ids);
  g_test_add_func ("/artwork/not-an-object", test_not_an_object);
  g_test_add_func ("/artwork/invalid-json", test_invalid_json);
  g_test_add_func ("/artwork/wrong-typed-optional-fields", test_wrong_typed_optional_fields);
  g_test_add_func ("/artwork/from-json-node", test_from_json_node);
  g_test_add_func ("/artwork/parameters-outlive-node", test_parameters_outlive_node);
  g_test_add_func ("/artwork/list", test_list);
  g_test_add_func ("/artwork/list-errors", test_list_errors);

  return g_test_run ();
}
