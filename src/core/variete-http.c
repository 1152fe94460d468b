/* variete-http.c
 *
 * Downloads that follow redirects by hand: libsoup is told not to, so that each hop goes back
 * through the caller's own checks (https only, where the key may go) like the first address.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-http.h"

/* How many times the answers may send elsewhere before a download gives up. */
#define MAX_REDIRECTS 5

/* Returns: (transfer full): a @method request of @uri, accepting @accept, whose redirects are
 *   the caller's to follow */
SoupMessage *
variete_http_new_message (const char *method,
                          GUri       *uri,
                          const char *accept)
{
  SoupMessage *msg = soup_message_new_from_uri (method, uri);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", accept);

  return msg;
}

/* Returns: whether an answer with @status sends elsewhere, to the address in its Location
 *   header (301, 302, 303, 307 and 308; not 304, nor the 300, 305 and 306 nobody sends) */
gboolean
variete_http_status_is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

/**
 * variete_http_follow_redirect:
 * @msg: a message whose answer sends elsewhere
 * @n_redirects: (inout): the hops followed so far for this download
 * @task: the download
 * @start: what starts the download of an address
 *
 * Calls @start with a new reference to @task and the address @msg's Location header gives,
 * taken relative to @msg's own, unless there is none or it is more than MAX_REDIRECTS hops
 * away from the first.
 *
 * Returns: whether the redirect is followed
 */
gboolean
variete_http_follow_redirect (SoupMessage          *msg,
                              guint                *n_redirects,
                              GTask                *task,
                              VarieteHttpStartFunc  start)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) target = NULL;
  g_autofree char *url = NULL;

  if (location == NULL || ++(*n_redirects) > MAX_REDIRECTS)
    return FALSE;

  target = g_uri_parse_relative (soup_message_get_uri (msg), location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL)
    return FALSE;

  url = g_uri_to_string (target);
  start (g_object_ref (task), url);

  return TRUE;
}
