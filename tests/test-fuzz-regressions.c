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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fuzz-regressions/artwork/parse-error-message-is-utf8",
                   test_artwork_parse_error_utf8);

  return g_test_run ();
}
