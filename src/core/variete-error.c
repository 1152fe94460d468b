/* variete-error.c
 *
 * The error domain of the API client, and how HTTP error answers map onto it (API.md, Errors).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-core"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "variete-error.h"

/* Retry-After values above this are not believed: a day is longer than any job's budget. */
#define MAX_RETRY_AFTER_MS (G_GINT64_CONSTANT (24) * 60 * 60 * 1000)

typedef struct
{
  gint64 retry_after_ms;
} VarieteClientErrorPrivate;

/* This is G_DEFINE_EXTENDED_ERROR written out, so that the quark keeps the conventional
 * "variete-client-error-quark" name instead of the type name the macro would use. */
static inline VarieteClientErrorPrivate *
get_private (const GError *error)
{
  const gsize sa = 2 * sizeof (gsize);
  const gsize as = (sizeof (VarieteClientErrorPrivate) + (sa - 1)) & -sa;

  return (VarieteClientErrorPrivate *) (((guint8 *) error) - as);
}

static void
private_init (GError *error)
{
  get_private (error)->retry_after_ms = -1;
}

static void
private_copy (const GError *src_error,
              GError       *dest_error)
{
  get_private (dest_error)->retry_after_ms = get_private (src_error)->retry_after_ms;
}

static void
private_clear (GError *error)
{
}

GQuark
variete_client_error_quark (void)
{
  static GQuark quark;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      quark = g_error_domain_register_static ("variete-client-error-quark",
                                              sizeof (VarieteClientErrorPrivate),
                                              private_init,
                                              private_copy,
                                              private_clear);
      g_once_init_leave (&initialized, 1);
    }

  return quark;
}

/**
 * variete_client_error_get_retry_after_ms:
 * @error: (nullable): an error
 *
 * Returns: the delay in milliseconds the server asked for before the next try, or -1 when it
 *   asked for none or @error is not a %VARIETE_CLIENT_ERROR
 */
gint64
variete_client_error_get_retry_after_ms (const GError *error)
{
  if (error == NULL || error->domain != VARIETE_CLIENT_ERROR)
    return -1;

  return get_private (error)->retry_after_ms;
}

/**
 * variete_client_error_set_retry_after_ms:
 * @error: a %VARIETE_CLIENT_ERROR
 * @retry_after_ms: the delay in milliseconds, or -1 for none
 */
void
variete_client_error_set_retry_after_ms (GError *error,
                                         gint64  retry_after_ms)
{
  g_return_if_fail (error != NULL);
  g_return_if_fail (error->domain == VARIETE_CLIENT_ERROR);

  get_private (error)->retry_after_ms = MAX (retry_after_ms, -1);
}

/**
 * variete_parse_retry_after_ms:
 * @value: (nullable): the value of a Retry-After header
 * @now: (nullable): the current time, for tests; %NULL for the real one
 *
 * Returns: the delay in milliseconds, 0 for a date in the past, -1 when @value is not usable
 */
gint64
variete_parse_retry_after_ms (const char *value,
                              GDateTime  *now)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) real_now = NULL;
  g_autofree char *stripped = NULL;
  guint64 seconds;
  GTimeSpan span;

  if (value == NULL)
    return -1;

  stripped = g_strstrip (g_strdup (value));
  if (stripped[0] == '\0')
    return -1;

  if (g_ascii_isdigit (stripped[0]))
    {
      if (!g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXUINT64, &seconds, NULL))
        return -1;

      return (gint64) MIN (seconds, (guint64) (MAX_RETRY_AFTER_MS / 1000)) * 1000;
    }

  date = soup_date_time_new_from_http_string (stripped);
  if (date == NULL)
    return -1;

  if (now == NULL)
    now = real_now = g_date_time_new_now_utc ();

  span = g_date_time_difference (date, now);
  if (span <= 0)
    return 0;

  return MIN (span / G_TIME_SPAN_MILLISECOND, MAX_RETRY_AFTER_MS);
}

/**
 * variete_parse_error_messages:
 * @body: (nullable): the body of an error answer
 *
 * NestJS sends `message` as a string, or as an array of strings when validation fails (one per
 * violated rule). Entries that are not strings are skipped; so is any body that is not JSON.
 *
 * Returns: (transfer full) (nullable): the messages, or %NULL when there are none
 */
char **
variete_parse_error_messages (GBytes *body)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) messages = NULL;
  const char *data;
  JsonObject *object;
  JsonNode *root;
  JsonNode *message;
  gsize size;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &size);
  if (size == 0 || size > G_MAXSSIZE)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  message = json_object_get_member (object, "message");
  if (message == NULL)
    return NULL;

  builder = g_strv_builder_new ();

  if (JSON_NODE_HOLDS_VALUE (message) && json_node_get_value_type (message) == G_TYPE_STRING)
    {
      g_autofree char *valid = g_utf8_make_valid (json_node_get_string (message), -1);

      g_strv_builder_add (builder, valid);
    }
  else if (JSON_NODE_HOLDS_ARRAY (message))
    {
      JsonArray *array = json_node_get_array (message);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            {
              /* A server's words may hold anything; what we show must be UTF-8. */
              g_autofree char *valid = g_utf8_make_valid (json_node_get_string (element), -1);

              g_strv_builder_add (builder, valid);
            }
        }
    }

  messages = g_strv_builder_end (builder);
  if (messages[0] == NULL)
    return NULL;

  return g_steal_pointer (&messages);
}

static GError *
new_bad_request_error (GBytes *body)
{
  g_auto(GStrv) messages = variete_parse_error_messages (body);
  g_autofree char *joined = NULL;

  if (messages == NULL)
    return g_error_new_literal (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST,
                                _("The server did not accept the request. "
                                  "Check the settings and try again."));

  joined = g_strjoinv ("\n", messages);

  /* Translators: the server's reasons follow, one per line */
  return g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST,
                      _("The server did not accept the request:\n%s"), joined);
}

static GError *
new_rate_limited_error (gint64 retry_after_ms)
{
  int seconds;

  if (retry_after_ms < 0)
    return g_error_new_literal (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_RATE_LIMITED,
                                _("Tengr.ai received too many requests from this key. "
                                  "Wait a moment and try again."));

  seconds = (int) MIN ((retry_after_ms + 999) / 1000, G_MAXINT);

  return g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_RATE_LIMITED,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "Tengr.ai received too many requests from this key. "
                                   "Wait %d second and try again.",
                                   "Tengr.ai received too many requests from this key. "
                                   "Wait %d seconds and try again.",
                                   seconds),
                      seconds);
}

/**
 * variete_client_error_new_from_response:
 * @status: the HTTP status of an answer that is not a success
 * @body: (nullable): its body
 * @retry_after_header: (nullable): its Retry-After header
 *
 * Returns: (transfer full): a %VARIETE_CLIENT_ERROR whose code a UI can act on, with a
 *   translated message that says what to do next
 */
GError *
variete_client_error_new_from_response (guint       status,
                                        GBytes     *body,
                                        const char *retry_after_header)
{
  gint64 retry_after_ms = variete_parse_retry_after_ms (retry_after_header, NULL);
  GError *error;

  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      return new_bad_request_error (body);

    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      return g_error_new_literal (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST,
                                  _("The request is too large for the server. "
                                    "Use a smaller source image."));

    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new_literal (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_UNAUTHORIZED,
                                  _("The API key is not valid. Check it in Preferences."));

    case SOUP_STATUS_FORBIDDEN:
      return g_error_new_literal (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_FORBIDDEN,
                                  _("This key cannot create artworks: it needs the generator "
                                    "scope and the artworks domain. Use another key in "
                                    "Preferences."));

    case SOUP_STATUS_NOT_FOUND:
      return g_error_new_literal (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_FOUND,
                                  _("This artwork is not on the server any more. Tengr.ai "
                                    "deletes artworks 8 days after they were made."));

    case 429: /* Too Many Requests, which libsoup 3.2 has no name for */
      error = new_rate_limited_error (retry_after_ms);
      variete_client_error_set_retry_after_ms (error, retry_after_ms);
      return error;

    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      error = g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_SERVER,
                           _("The Tengr.ai server cannot be reached through its gateway "
                             "(HTTP %u). Try again in a moment."),
                           status);
      variete_client_error_set_retry_after_ms (error, retry_after_ms);
      return error;

    default:
      break;
    }

  if (status >= 500 && status <= 599)
    {
      error = g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_SERVER,
                           _("The Tengr.ai server had a problem (HTTP %u). "
                             "Try again in a moment."),
                           status);
      variete_client_error_set_retry_after_ms (error, retry_after_ms);
      return error;
    }

  return g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                      _("The server gave an unexpected answer (HTTP %u %s). Try again later."),
                      status, soup_status_get_phrase (status));
}

char *
variete_error_dup_one_line (const char *message)
{
  GString *line;

  g_return_val_if_fail (message != NULL, NULL);

  line = g_string_sized_new (strlen (message));

  for (const char *p = message; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r')
        {
          /* One separator for a run of breaks and the blanks around them. */
          while (line->len > 0 && line->str[line->len - 1] == ' ')
            g_string_truncate (line, line->len - 1);
          while (p[1] == '\n' || p[1] == '\r' || p[1] == ' ' || p[1] == '\t')
            p++;

          if (line->len == 0 || p[1] == '\0')
            continue;

          g_string_append (line, strchr (":;.!?", line->str[line->len - 1]) ? " " : "; ");
        }
      else if (*p == '\t')
        {
          g_string_append_c (line, ' ');
        }
      else
        {
          g_string_append_c (line, *p);
        }
    }

  return g_string_free (line, FALSE);
}
