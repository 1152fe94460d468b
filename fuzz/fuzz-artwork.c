/* fuzz-artwork.c
 *
 * libFuzzer target: the API's artwork answers (API.md "Poll", "List") as the client reads them,
 * variete_artwork_new_from_bytes() and variete_artwork_list_new_from_bytes(), and the URL checks
 * the results go through. Every accessor of a parsed artwork is read back and checked for
 * consistency; a failure must come with an error and a readable (UTF-8) message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "variete-artwork.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

static void
check_artwork (VarieteArtwork *artwork)
{
  const char * const *results;
  GDateTime *created_at;
  JsonObject *parameters;
  const char *id;
  guint n;

  id = variete_artwork_get_id (artwork);
  g_assert_nonnull (id);
  g_assert_true (id[0] != '\0');
  g_assert_true (g_utf8_validate (id, -1, NULL));
  /* The id names files (the journal): it must not name another folder. */
  g_assert_null (strchr (id, '/'));
  g_assert_cmpstr (id, !=, ".");
  g_assert_cmpstr (id, !=, "..");

  fuzz_assert_utf8_string ("artworkType", variete_artwork_get_artwork_type (artwork));
  fuzz_assert_utf8_string ("status", variete_artwork_get_status_string (artwork));

  g_assert_cmpint (variete_artwork_status_from_string (
                     variete_artwork_status_to_string (variete_artwork_get_status (artwork))),
                   ==, variete_artwork_get_status (artwork));
  (void) variete_artwork_get_status_string (artwork);
  (void) variete_artwork_status_is_final (variete_artwork_get_status (artwork));

  results = variete_artwork_get_results (artwork);
  n = variete_artwork_get_n_results (artwork);
  if (results == NULL)
    g_assert_cmpuint (n, ==, 0);
  else
    {
      g_assert_cmpuint (g_strv_length ((char **) results), ==, n);
      /* Every result the client will download must pass the URL check. */
      for (guint i = 0; i < n; i++)
        {
          g_assert_true (g_utf8_validate (results[i], -1, NULL));
          g_assert_true (variete_url_is_allowed (results[i]));
        }
    }

  (void) variete_artwork_get_duration (artwork);

  created_at = variete_artwork_get_created_at (artwork);
  if (created_at != NULL)
    g_free (g_date_time_format_iso8601 (created_at));

  parameters = variete_artwork_get_parameters (artwork);
  if (parameters != NULL)
    (void) json_object_get_size (parameters);
}

static void
check_error (GError *error)
{
  g_assert_nonnull (error);
  fuzz_assert_utf8_message (error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autofree char *text = NULL;

  artwork = variete_artwork_new_from_bytes (bytes, &error);
  if (artwork != NULL)
    {
      g_assert_no_error (error);
      check_artwork (artwork);
    }
  else
    check_error (error);

  list = variete_artwork_list_new_from_bytes (bytes, &list_error);
  if (list != NULL)
    {
      g_assert_no_error (list_error);
      for (guint i = 0; i < list->len; i++)
        check_artwork (g_ptr_array_index (list, i));
    }
  else
    check_error (list_error);

  /* The URL checks, on the input as a string. */
  text = fuzz_strndup (data, size);
  if (g_utf8_validate (text, -1, NULL))
    {
      GUri *uri = variete_uri_parse_web (text);

      (void) variete_url_is_allowed (text);
      (void) variete_url_is_loopback (text);
      g_clear_pointer (&uri, g_uri_unref);
    }

  return 0;
}
