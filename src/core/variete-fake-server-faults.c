/* variete-fake-server-faults.c
 *
 * The fake server's faults (variete-fake-server.h): the ones that stop a request before it is
 * handled, and the ones that spoil its answer after: error pages, broken JSON, answers cut
 * short, held back or reset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-fake-server"

#include <sys/socket.h>

#include "variete-fake-server-private.h"

static void
answer_html (SoupServerMessage *msg,
             guint              status)
{
  g_autofree char *html = NULL;

  html = g_strdup_printf ("<html><head><title>%u %s</title></head><body><center><h1>%u %s"
                          "</h1></center><hr><center>nginx</center></body></html>\r\n",
                          status, soup_status_get_phrase (status),
                          status, soup_status_get_phrase (status));
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, html, strlen (html));
}

gboolean
variete_fake_server_fault_is_before (VarieteFakeFault fault)
{
  return fault == VARIETE_FAKE_FAULT_RATE_LIMIT ||
         fault == VARIETE_FAKE_FAULT_RATE_LIMIT_DATE ||
         fault == VARIETE_FAKE_FAULT_DOWNLOAD_FAILS ||
         fault == VARIETE_FAKE_FAULT_LINK_EXPIRED ||
         fault == VARIETE_FAKE_FAULT_LINK_GONE ||
         fault == VARIETE_FAKE_FAULT_REDIRECT_TO_HTTP;
}

static gboolean
fault_is_for_results (VarieteFakeFault fault)
{
  return fault == VARIETE_FAKE_FAULT_DOWNLOAD_FAILS ||
         fault == VARIETE_FAKE_FAULT_LINK_EXPIRED ||
         fault == VARIETE_FAKE_FAULT_LINK_GONE ||
         fault == VARIETE_FAKE_FAULT_REDIRECT_TO_HTTP ||
         fault == VARIETE_FAKE_FAULT_NOT_AN_IMAGE;
}

/* What an object store answers to a signed link that has expired. */
void
variete_fake_server_answer_link_expired (SoupServerMessage *msg,
                                         guint              status)
{
  static const char body[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>\n";

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/xml", SOUP_MEMORY_STATIC,
                                    body, strlen (body));
}

VarieteFakeFault
variete_fake_server_take_fault (VarieteFakeServer *self,
                                const char        *method,
                                const char        *path)
{
  g_autofree char *request = g_strdup_printf ("%s %s", method, path);
  gboolean is_result = g_str_equal (method, SOUP_METHOD_GET) &&
                       g_str_has_prefix (path, RESULTS_PATH);

  for (guint i = 0; i < self->faults->len; i++)
    {
      FaultRule *rule = g_ptr_array_index (self->faults, i);
      VarieteFakeFault fault = rule->fault;

      if (rule->prefix != NULL && !g_str_has_prefix (request, rule->prefix))
        continue;

      if (fault_is_for_results (fault) && !is_result)
        continue;

      if (--rule->times == 0)
        g_ptr_array_remove_index (self->faults, i);

      return fault;
    }

  return VARIETE_FAKE_FAULT_NONE;
}

void
variete_fake_server_answer_fault_before (SoupServerMessage *msg,
                                         const char        *path,
                                         VarieteFakeFault   fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (fault == VARIETE_FAKE_FAULT_LINK_EXPIRED || fault == VARIETE_FAKE_FAULT_LINK_GONE)
    {
      variete_fake_server_answer_link_expired (msg, fault == VARIETE_FAKE_FAULT_LINK_GONE
                                                      ? SOUP_STATUS_GONE
                                                      : SOUP_STATUS_FORBIDDEN);
      return;
    }

  if (fault == VARIETE_FAKE_FAULT_REDIRECT_TO_HTTP)
    {
      g_autofree char *location = g_strconcat ("http://example.invalid", path, NULL);

      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
      return;
    }

  if (fault == VARIETE_FAKE_FAULT_DOWNLOAD_FAILS)
    {
      variete_fake_server_answer_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                        "Internal server error", NULL);
      return;
    }

  if (fault == VARIETE_FAKE_FAULT_RATE_LIMIT)
    {
      soup_message_headers_replace (headers, "Retry-After", "1");
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 2);
      g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

      soup_message_headers_replace (headers, "Retry-After", date);
    }

  variete_fake_server_answer_error (msg, 429, "ThrottlerException: Too Many Requests",
                                    NULL);
}

static void
held_answer_gone_cb (SoupServerMessage *msg,
                     HeldAnswer        *held)
{
  held->gone = TRUE;
}

static void
drop_held_answer (HeldAnswer *held)
{
  g_ptr_array_remove (held->server->held, held);
}

static gboolean
release_held_answer_cb (gpointer user_data)
{
  HeldAnswer *held = user_data;

  if (held->gone)
    {
      drop_held_answer (held);
      return G_SOURCE_REMOVE;
    }

  if (held->fault == VARIETE_FAKE_FAULT_SLOW)
    {
      soup_server_message_unpause (held->msg);
    }
  else
    {
      g_autoptr(GIOStream) stream = NULL;
      int fd = g_socket_get_fd (held->socket);

      stream = soup_server_message_steal_connection (held->msg);

      if (held->raw != NULL)
        {
          g_socket_send (held->socket, g_bytes_get_data (held->raw, NULL),
                         g_bytes_get_size (held->raw), NULL, NULL);
        }
      else
        {
          /* Closing with a zero linger time sends RST instead of FIN: a reset, not an end. */
          struct linger linger = { 1, 0 };

          setsockopt (fd, SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
        }

      g_socket_close (held->socket, NULL);
    }

  drop_held_answer (held);

  return G_SOURCE_REMOVE;
}

/* Builds the raw bytes of an answer that promises its whole body and sends only half of it.
 * It does not say "Connection: close": libsoup forgives a short body on such a connection. */
static GBytes *
make_truncated_answer (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) content = soup_message_body_flatten (body);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  guint status = soup_server_message_get_status (msg);
  gsize size = g_bytes_get_size (content);
  GString *raw = g_string_new (NULL);

  g_string_append_printf (raw,
                          "HTTP/1.1 %u %s\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "\r\n",
                          status, soup_status_get_phrase (status),
                          content_type ? content_type : "application/octet-stream",
                          size + 16);
  /* Little enough to fit in the socket buffer at once: the client may run on this thread. */
  g_string_append_len (raw, g_bytes_get_data (content, NULL), MIN (size / 2, 16 * 1024));

  return g_string_free_to_bytes (raw);
}

static void
hold_answer (VarieteFakeServer *self,
             SoupServerMessage *msg,
             VarieteFakeFault   fault)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  HeldAnswer *held;

  g_return_if_fail (socket != NULL);

  held = g_new0 (HeldAnswer, 1);
  held->server = self;
  held->msg = g_object_ref (msg);
  held->socket = g_object_ref (socket);
  held->fault = fault;

  if (fault == VARIETE_FAKE_FAULT_TRUNCATED_BODY)
    held->raw = make_truncated_answer (msg);

  g_signal_connect (msg, "finished", G_CALLBACK (held_answer_gone_cb), held);
  g_signal_connect (msg, "disconnected", G_CALLBACK (held_answer_gone_cb), held);

  if (fault == VARIETE_FAKE_FAULT_SLOW)
    held->source = g_timeout_source_new (self->slow_delay_ms);
  else
    held->source = g_idle_source_new ();

  g_source_set_callback (held->source, release_held_answer_cb, held, NULL);
  g_source_attach (held->source, self->context);
  g_ptr_array_add (self->held, held);

  soup_server_message_pause (msg);
}

/* Returns: the suffix of the log line */
const char *
variete_fake_server_apply_fault_after (VarieteFakeServer *self,
                                       SoupServerMessage *msg,
                                       VarieteFakeFault   fault)
{
  static const char malformed[] = "{\"id\": \"3fa85f64-5717-4562-b3fc-2c963f66afa6\", \"sta";

  /* soup_server_message_set_response() appends to the body the route already set: the faults
   * that answer something else start from an empty one. */
  if (fault == VARIETE_FAKE_FAULT_SERVER_ERROR || fault == VARIETE_FAKE_FAULT_BAD_GATEWAY ||
      fault == VARIETE_FAKE_FAULT_UNAVAILABLE || fault == VARIETE_FAKE_FAULT_MALFORMED_JSON ||
      (fault == VARIETE_FAKE_FAULT_NOT_AN_IMAGE &&
       soup_server_message_get_status (msg) == SOUP_STATUS_OK))
    soup_message_body_truncate (soup_server_message_get_response_body (msg));

  switch (fault)
    {
    case VARIETE_FAKE_FAULT_SERVER_ERROR:
      variete_fake_server_answer_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                        "Internal server error", NULL);
      return "";

    case VARIETE_FAKE_FAULT_BAD_GATEWAY:
      answer_html (msg, SOUP_STATUS_BAD_GATEWAY);
      return "";

    case VARIETE_FAKE_FAULT_UNAVAILABLE:
      answer_html (msg, SOUP_STATUS_SERVICE_UNAVAILABLE);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      return "";

    case VARIETE_FAKE_FAULT_MALFORMED_JSON:
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        malformed, strlen (malformed));
      return " malformed";

    case VARIETE_FAKE_FAULT_TRUNCATED_BODY:
      hold_answer (self, msg, fault);
      return " truncated";

    case VARIETE_FAKE_FAULT_CONNECTION_RESET:
      hold_answer (self, msg, fault);
      return "";

    case VARIETE_FAKE_FAULT_SLOW:
      hold_answer (self, msg, fault);
      return " slow";

    case VARIETE_FAKE_FAULT_NOT_AN_IMAGE:
      {
        static const char html[] = "<!DOCTYPE html><html><head><title>Sign in</title></head>"
                                   "<body><p>Sign in to use this network.</p></body></html>\n";
        SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
        g_autofree char *type = g_strdup (soup_message_headers_get_content_type (headers, NULL));

        if (soup_server_message_get_status (msg) != SOUP_STATUS_OK)
          return "";

        soup_server_message_set_response (msg, type ? type : "image/png", SOUP_MEMORY_STATIC,
                                          html, strlen (html));
        return " html";
      }

    case VARIETE_FAKE_FAULT_NONE:
    case VARIETE_FAKE_FAULT_RATE_LIMIT:
    case VARIETE_FAKE_FAULT_RATE_LIMIT_DATE:
    case VARIETE_FAKE_FAULT_DOWNLOAD_FAILS:
    case VARIETE_FAKE_FAULT_LINK_EXPIRED:
    case VARIETE_FAKE_FAULT_LINK_GONE:
    case VARIETE_FAKE_FAULT_REDIRECT_TO_HTTP:
    default:
      return "";
    }
}
