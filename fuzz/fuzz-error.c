/* fuzz-error.c
 *
 * libFuzzer target: HTTP error answers as the client turns them into GErrors —
 * variete_client_error_new_from_response() (status, NestJS body, Retry-After header),
 * variete_parse_error_messages() and variete_parse_retry_after_ms().
 *
 * Input layout: 2 bytes of status (big-endian, modulo 1000), 1 byte N, then N bytes of
 * Retry-After header (N = 255: no header), then the body (none when empty and N is odd).
 * Messages are shown in the window, so they must be valid UTF-8 and never empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "variete-error.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GDateTime *fixed_now;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  /* The time of the tests' HTTP dates, so that a run does not depend on the clock. */
  fixed_now = g_date_time_new_utc (2024, 7, 29, 15, 51, 28);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *header = NULL;
  g_auto(GStrv) messages = NULL;
  guint status;
  size_t header_len;
  gint64 retry_after;

  if (size < 3)
    return 0;

  status = ((guint) data[0] << 8 | data[1]) % 1000;
  header_len = data[2];
  data += 3;
  size -= 3;

  if (header_len != 255)
    {
      header_len = MIN (header_len, size);
      header = fuzz_strndup (data, header_len);
      data += header_len;
      size -= header_len;
    }

  if (size > 0 || header_len % 2 == 0)
    body = g_bytes_new (data, size);

  error = variete_client_error_new_from_response (status, body, header);
  g_assert_nonnull (error);
  g_assert_true (error->domain == VARIETE_CLIENT_ERROR);
  g_assert_cmpint (error->code, >=, VARIETE_CLIENT_ERROR_NETWORK);
  g_assert_cmpint (error->code, <=, VARIETE_CLIENT_ERROR_INSECURE);
  g_assert_nonnull (error->message);
  g_assert_true (error->message[0] != '\0');
  fuzz_assert_utf8_message (error->message);

  /* The delay survives a copy, and is -1 or more. */
  retry_after = variete_client_error_get_retry_after_ms (error);
  g_assert_cmpint (retry_after, >=, -1);
  {
    g_autoptr(GError) copy = g_error_copy (error);

    g_assert_cmpint (variete_client_error_get_retry_after_ms (copy), ==, retry_after);
  }

  if (body != NULL)
    {
      messages = variete_parse_error_messages (body);
      for (guint i = 0; messages != NULL && messages[i] != NULL; i++)
        g_assert_true (g_utf8_validate (messages[i], -1, NULL));
    }

  if (header != NULL)
    g_assert_cmpint (variete_parse_retry_after_ms (header, fixed_now), >=, -1);

  return 0;
}
