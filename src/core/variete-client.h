/* variete-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "variete-artwork.h"
#include "variete-error.h"

G_BEGIN_DECLS

/* Results larger than this are refused (API.md gives no limit; a 1216² PNG is ~4 MiB). */
#define VARIETE_CLIENT_DOWNLOAD_LIMIT (64 * 1024 * 1024)

#define VARIETE_TYPE_CLIENT (variete_client_get_type ())

G_DECLARE_FINAL_TYPE (VarieteClient, variete_client, VARIETE, CLIENT, GObject)

/*
 * VarieteClient speaks the Selena Variete API (API.md) over one SoupSession. Every call is
 * asynchronous, runs on the thread-default main context of the caller, and is cancellable.
 *
 * Errors from the _finish() functions:
 *
 * - G_IO_ERROR_CANCELLED, unchanged, when the cancellable was cancelled. Never show it.
 * - VARIETE_CLIENT_ERROR_NOT_SENT: the connection could not be made (refused, name not
 *   resolved, host or network unreachable). The request certainly never reached the server,
 *   so even a create may be re-sent.
 * - VARIETE_CLIENT_ERROR_NETWORK: anything else that went wrong on the wire after connecting:
 *   timeout, TLS failure, connection lost or reset, answer cut short. The server may have acted
 *   on the request: do not re-send a create automatically.
 * - VARIETE_CLIENT_ERROR_BAD_REQUEST (400, 413), UNAUTHORIZED (401), FORBIDDEN (403),
 *   NOT_FOUND (404), RATE_LIMITED (429), SERVER (5xx), PROTOCOL (other statuses, redirects on
 *   API calls, answers that are not what the API documents): see
 *   variete_client_error_new_from_response(). For RATE_LIMITED and SERVER,
 *   variete_client_error_get_retry_after_ms() gives the server's Retry-After, or -1.
 * - VARIETE_CLIENT_ERROR_INSECURE: the base URL or a result URL is neither https:// nor a
 *   loopback http:// address; nothing was sent.
 *
 * So a create was certainly NOT taken after NOT_SENT, RATE_LIMITED, INSECURE, BAD_REQUEST,
 * UNAUTHORIZED and FORBIDDEN, and MAY have been taken after NETWORK, SERVER and PROTOCOL (a 202
 * whose body is unreadable is still a 202). libsoup itself never re-sends a POST; it does
 * re-send a GET once, silently, when a reused keep-alive connection closes before any answer.
 *
 * Downloads: 401, 403 and 410 from a result host give LINK_REFUSED (result links are signed
 * and expire before the artwork does: fetch the artwork again for fresh ones), 404 gives
 * NOT_FOUND; redirects are followed (5 at most), each hop checked as above, and an address or a
 * redirect that is not https:// (nor loopback) gives INSECURE. A body whose header is not that
 * of a PNG, JPEG or WebP image gives PROTOCOL, whatever its Content-Type says.
 *
 * The API key is sent as "Authorization: Bearer" on API calls, and on downloads only when the
 * result lives on the same origin (scheme, host, port) as the base URL. The key is never logged:
 * debug messages name the method, the path and the status only.
 */

VarieteClient  *variete_client_new                  (const char           *base_url,
                                                     const char           *api_key);
gboolean        variete_client_check_url            (const char           *url,
                                                     GError              **error);
const char     *variete_client_get_base_url         (VarieteClient        *self);
void            variete_client_set_api_key          (VarieteClient        *self,
                                                     const char           *api_key);
guint           variete_client_get_timeout          (VarieteClient        *self);
void            variete_client_set_timeout          (VarieteClient        *self,
                                                     guint                 seconds);
gsize           variete_client_get_download_limit   (VarieteClient        *self);
void            variete_client_set_download_limit   (VarieteClient        *self,
                                                     gsize                 limit);

void            variete_client_create_async         (VarieteClient        *self,
                                                     JsonNode             *body,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
VarieteArtwork *variete_client_create_finish        (VarieteClient        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            variete_client_get_async            (VarieteClient        *self,
                                                     const char           *artwork_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
VarieteArtwork *variete_client_get_finish           (VarieteClient        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            variete_client_list_async           (VarieteClient        *self,
                                                     guint                 offset,
                                                     guint                 limit,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray      *variete_client_list_finish          (VarieteClient        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            variete_client_download_async       (VarieteClient        *self,
                                                     const char           *url,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GBytes         *variete_client_download_finish      (VarieteClient        *self,
                                                     GAsyncResult         *result,
                                                     char                **content_type,
                                                     GError              **error);

G_END_DECLS
