/* fuzz-preflight.c
 *
 * libFuzzer target: the image pre-flight on bytes (what a drop, a paste or a download gives),
 * through its synchronous core variete_source_preflight_run() — the function that
 * variete_source_load_bytes_async() runs on a worker thread: content sniffing, the header
 * parsers (size, EXIF orientation, decompression-bomb checks), decoding at scale, fitting to the
 * API's area, encoding and the thumbnail.
 *
 * When it accepts an image, what it found must be usable: positive sizes, the sent image within
 * the API's area (VARIETE_MAX_AREA), bytes to send, a thumbnail no larger than asked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "variete-enums.h"
#include "variete-source-private.h"

#define THUMBNAIL_SIZE 64

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GError) error = NULL;
  VarieteSourcePreflight preflight = { 0 };

  preflight.display_name = g_strdup ("fuzz.img");
  preflight.thumbnail_size = THUMBNAIL_SIZE;
  preflight.may_keep_address = FALSE;

  if (variete_source_preflight_run (&preflight, stream, NULL, &error))
    {
      g_assert_no_error (error);
      if ((preflight.original_width <= 0 || preflight.original_height <= 0) &&
          fuzz_tolerate ("zero-size"))
        {
          variete_source_preflight_clear (&preflight);
          return 0;
        }
      g_assert_cmpint (preflight.original_width, >, 0);
      g_assert_cmpint (preflight.original_height, >, 0);
      g_assert_cmpint (preflight.sent_width, >, 0);
      g_assert_cmpint (preflight.sent_height, >, 0);
      g_assert_cmpint ((gint64) preflight.sent_width * preflight.sent_height, <=, VARIETE_MAX_AREA);
      g_assert_nonnull (preflight.original_mime_type);
      g_assert_nonnull (preflight.sent_mime_type);
      g_assert_nonnull (preflight.sent_bytes);
      g_assert_cmpuint (g_bytes_get_size (preflight.sent_bytes), >, 0);
      g_assert_nonnull (preflight.thumbnail);
      g_assert_cmpint (gdk_pixbuf_get_width (preflight.thumbnail), <=, THUMBNAIL_SIZE);
      g_assert_cmpint (gdk_pixbuf_get_height (preflight.thumbnail), <=, THUMBNAIL_SIZE);
      g_assert_cmpint (gdk_pixbuf_get_width (preflight.thumbnail), >, 0);
      g_assert_cmpint (gdk_pixbuf_get_height (preflight.thumbnail), >, 0);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == VARIETE_SOURCE_ERROR);
      fuzz_assert_utf8_message (error->message);
    }

  variete_source_preflight_clear (&preflight);

  return 0;
}
