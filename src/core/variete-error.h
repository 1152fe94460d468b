/* variete-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VARIETE_CLIENT_ERROR (variete_client_error_quark ())

/* Errors from talking to the API. The codes are what a UI acts on: UNAUTHORIZED and FORBIDDEN
 * lead to the key settings, NETWORK and SERVER offer Retry, RATE_LIMITED shows the wait. */
typedef enum
{
  VARIETE_CLIENT_ERROR_NETWORK,       /* connection lost, timeout, TLS, truncated answer …:
                                       * the server MAY have acted on the request */
  VARIETE_CLIENT_ERROR_NOT_SENT,      /* could not connect (refused, DNS, unreachable): the
                                       * request certainly never left, a create may be re-sent */
  VARIETE_CLIENT_ERROR_BAD_REQUEST,   /* 400: every server message is kept, one per line */
  VARIETE_CLIENT_ERROR_UNAUTHORIZED,  /* 401 */
  VARIETE_CLIENT_ERROR_FORBIDDEN,     /* 403 */
  VARIETE_CLIENT_ERROR_NOT_FOUND,     /* 404: unknown or expired artwork */
  VARIETE_CLIENT_ERROR_RATE_LIMITED,  /* 429 */
  VARIETE_CLIENT_ERROR_SERVER,        /* 5xx */
  VARIETE_CLIENT_ERROR_PROTOCOL,      /* an answer we cannot use: bad JSON, wrong type, bad URL */
  VARIETE_CLIENT_ERROR_INSECURE,      /* an http:// URL that is not loopback */
  VARIETE_CLIENT_ERROR_LINK_REFUSED,  /* 401, 403 or 410 on a result download: its signed link
                                       * expired. Fetch the artwork again for fresh links; the
                                       * artwork itself is not gone */
} VarieteClientError;

GQuark variete_client_error_quark (void);

/* VARIETE_CLIENT_ERROR is an extended error domain: besides its code and message, each error
 * carries the delay the server asked for before the next try (a 429 or 503 with Retry-After).
 * The delay travels inside the GError itself, so it survives g_error_copy(),
 * g_task_return_error() and g_propagate_error(), and is safe to read from any thread.
 *
 * variete_client_error_get_retry_after_ms() returns that delay in milliseconds: 0 or more when
 * the server sent a usable Retry-After (an HTTP date in the past gives 0), -1 when it did not
 * (then back off on your own), and -1 for errors of any other domain. */
gint64  variete_client_error_get_retry_after_ms  (const GError *error);
void    variete_client_error_set_retry_after_ms  (GError       *error,
                                                  gint64        retry_after_ms);

/* Maps an HTTP error answer to a VARIETE_CLIENT_ERROR with a translated message that says what
 * to do next: 400 (and 413) → BAD_REQUEST with every server message, one per line after a
 * first line of its own; 401 → UNAUTHORIZED; 403 → FORBIDDEN; 404 → NOT_FOUND; 429 →
 * RATE_LIMITED; 5xx → SERVER; anything else → PROTOCOL. @body is the NestJS error body when
 * there is one ({"message": string or array of strings, "statusCode": n, "error": "…"});
 * absent or garbage bodies are fine. The Retry-After header is kept for 429 and 5xx answers. */
GError *variete_client_error_new_from_response   (guint         status,
                                                  GBytes       *body,
                                                  const char   *retry_after_header);

/* Returns the delay a Retry-After header value asks for, in milliseconds: seconds or an HTTP
 * date (compared with @now, or the current time when %NULL; a date in the past gives 0). Returns
 * -1 when @value is %NULL or not understood. */
gint64  variete_parse_retry_after_ms             (const char   *value,
                                                  GDateTime    *now);

/* Returns @message on one line, for a toast: a line break after a colon becomes a space, any
 * other one "; ", and tabs and carriage returns spaces. */
char   *variete_error_dup_one_line               (const char   *message);

/* Returns the "message" entries of a NestJS error body, or %NULL when there are none. */
char  **variete_parse_error_messages             (GBytes       *body);

G_END_DECLS
