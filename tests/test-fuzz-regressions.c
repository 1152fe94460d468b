/* test-fuzz-regressions.c
 *
 * Inputs the fuzzers (fuzz/) found that broke a rule, each reduced to the smallest input that
 * still does, so that the bug stays fixed. Each test names the fuzz target that found it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "variete-artwork.h"
#include "variete-error.h"
#include "variete-request.h"
#include "variete-source.h"

/* fuzz-artwork: a body that is valid UTF-8, but that json-glib 1.6 refuses with a message quoting
 * the string constant cut in the middle of a multi-byte character ("…\xdb\x92\xd2").
 * variete-artwork.c parse_bytes() put that message as it was into the error it returns, which is
 * shown in the window and written into the job's journal, where it makes the journal unreadable
 * (json-glib writes invalid UTF-8 as "\xd2", which is not JSON). Every error message must be
 * valid UTF-8. */
static const char artwork_cut_utf8[] =
  "{\"\":\"3fa\x18" "57-4562-b3fc-2c0231128\xdb\x92\xd2\x9b\"";

static void
assert_message_is_utf8 (const GError *error)
{
  g_assert_nonnull (error);
  if (!g_utf8_validate (error->message, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (error->message, NULL);

      g_test_message ("Not UTF-8: %s", escaped);
      g_test_fail ();
    }
}

static void
test_artwork_parse_error_utf8 (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (artwork_cut_utf8, strlen (artwork_cut_utf8));
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GPtrArray) list = NULL;

  /* The input itself is valid UTF-8: only the error message is not. */
  g_assert_true (g_utf8_validate (artwork_cut_utf8, -1, NULL));

  artwork = variete_artwork_new_from_bytes (bytes, &error);
  g_assert_null (artwork);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL);
  assert_message_is_utf8 (error);

  list = variete_artwork_list_new_from_bytes (bytes, &list_error);
  g_assert_null (list);
  g_assert_error (list_error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL);
  assert_message_is_utf8 (list_error);
}

/* fuzz-request (and fuzz-artwork): json-glib 1.6 reads a C-style octal escape inside a JSON
 * string ("\\231", not JSON at all) as the raw byte 0x99, so a string it returns need not be valid
 * UTF-8 although the input is. variete_request_new_from_json() kept such a model and prompt as
 * they were: the form and the history would get text GTK refuses, and to_json() wrote JSON that
 * no longer parses, so a journal written from such a request could not be read back. Strings
 * read from JSON must be valid UTF-8 (refused, or repaired). */
static const char * const request_octal_escapes[] = {
  /* As found: in the model, which is then refused with a message that quotes it. */
  "{\"imageUrl\":\"https://x.example/s.png\",\"model\":\"tengrai-20\\231128-m-d.safetensors\","
  "\"batch\":2,\"prompt\":\"cat\"}",
  /* In the prompt only, which nothing else checks. */
  "{\"imageUrl\":\"https://x.example/s.png\",\"model\":\"tengrai-20231128-m-d.safetensors\","
  "\"batch\":2,\"prompt\":\"a \\231 cat\"}",
};

static void
assert_utf8_or_null (const char *what,
                     const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (text, NULL);

      g_test_message ("%s is not UTF-8: %s", what, escaped);
      g_test_fail ();
    }
}

static void
check_request_octal_escape (const char *input)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(VarieteRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* The input is valid UTF-8 and json-glib accepts it. */
  g_assert_true (g_utf8_validate (input, -1, NULL));
  node = json_from_string (input, &error);
  g_assert_no_error (error);

  request = variete_request_new_from_json (node, &error);
  if (request == NULL)
    {
      /* Refusing it is fine, with a readable message. */
      g_assert_nonnull (error);
      assert_message_is_utf8 (error);
      return;
    }

  assert_utf8_or_null ("model", variete_request_get_model (request));
  assert_utf8_or_null ("prompt", variete_request_get_prompt (request));

  /* What it writes (a journal) must read back. */
  text = variete_request_to_json_string (request);
  {
    g_autoptr(JsonNode) again = json_from_string (text, &error);
    g_autoptr(VarieteRequest) reread = NULL;

    if (again == NULL)
      {
        g_test_message ("to_json() wrote JSON that does not parse: %s", error->message);
        g_test_fail ();
        return;
      }
    reread = variete_request_new_from_json (again, &error);
    g_assert_no_error (error);
    g_assert_true (variete_request_equal (request, reread));
  }
}

static void
test_request_octal_escape (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (request_octal_escapes); i++)
    check_request_octal_escape (request_octal_escapes[i]);
}

/* fuzz-artwork: the same octal escape in an artwork answer gave an artwork type that is not
 * UTF-8; the same goes for the status string. */
static const char artwork_octal_escape[] =
  "{\"id\":\"a\",\"artworkType\":\"x\\231y\",\"status\":\"starting\"}";

static void
test_artwork_octal_escape (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (artwork_octal_escape, strlen (artwork_octal_escape));
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GError) error = NULL;

  artwork = variete_artwork_new_from_bytes (bytes, &error);
  if (artwork == NULL)
    {
      assert_message_is_utf8 (error);
      return;
    }

  assert_utf8_or_null ("artworkType", variete_artwork_get_artwork_type (artwork));
  assert_utf8_or_null ("status", variete_artwork_get_status_string (artwork));
}

/* fuzz-preflight: an SVG without any size ("<svg/>", as some editors write them) passed the
 * pre-flight as a 0 × 0 image and was sent as a 1 × 1 PNG, with "0 × 0" in the summary. The
 * pre-flight must either refuse it (VARIETE_SOURCE_ERROR, saying what to do) or give it a real
 * size. */
static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_preflight_svg_without_size (void)
{
  static const char svg[] = "<svg/>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (svg, strlen (svg));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GError) error = NULL;

  variete_source_load_bytes_async (bytes, "drawing.svg", 64, NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  source = variete_source_load_finish (result, &error);
  if (source == NULL)
    {
      /* Any code of the domain will do; the message says what to do. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == VARIETE_SOURCE_ERROR);
      assert_message_is_utf8 (error);
      return;
    }

  g_test_message ("accepted as %d × %d, sent as %d × %d",
                  variete_source_get_original_width (source),
                  variete_source_get_original_height (source),
                  variete_source_get_sent_width (source), variete_source_get_sent_height (source));
  g_assert_cmpint (variete_source_get_original_width (source), >, 0);
  g_assert_cmpint (variete_source_get_original_height (source), >, 0);
  g_assert_cmpint (variete_source_get_sent_width (source), >, 1);
  g_assert_cmpint (variete_source_get_sent_height (source), >, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* Every regression runs even when one fails, so that each bug still there shows. */
  char **args = g_new0 (char *, argc + 2);
  int n_args = argc + 1;

  for (int i = 0; i < argc; i++)
    args[i] = argv[i];
  args[argc] = (char *) "--keep-going";

  g_test_init (&n_args, &args, NULL);

  g_test_add_func ("/fuzz-regressions/artwork/parse-error-message-is-utf8",
                   test_artwork_parse_error_utf8);
  g_test_add_func ("/fuzz-regressions/artwork/strings-are-utf8", test_artwork_octal_escape);
  g_test_add_func ("/fuzz-regressions/request/strings-are-utf8", test_request_octal_escape);
  g_test_add_func ("/fuzz-regressions/preflight/svg-without-size",
                   test_preflight_svg_without_size);

  {
    int status = g_test_run ();

    g_free (args);
    return status;
  }
}
