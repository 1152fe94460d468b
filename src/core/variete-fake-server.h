/* variete-fake-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A valid key with the generator scope and the artworks domain. */
#define VARIETE_FAKE_SERVER_KEY "test-key"
/* A valid key without them: 403 on every artworks endpoint. */
#define VARIETE_FAKE_SERVER_KEY_NO_SCOPE "test-key-no-scope"

/*
 * Faults make the next matching requests go wrong. Three happen before the request is handled,
 * as if a proxy stopped it, so the server does nothing:
 *   RATE_LIMIT       429 with "Retry-After: 1"
 *   RATE_LIMIT_DATE  429 with Retry-After as an HTTP date 2 s ahead
 *   DOWNLOAD_FAILS   500 on a result download; only ever matches GET /results/…
 *   LINK_EXPIRED     403 on a result download, with the XML body of an object store whose
 *                    signed link has expired; only ever matches GET /results/…
 *   LINK_GONE        410 on a result download, likewise
 *   REDIRECT_TO_HTTP 302 from a result download to the same path on http://example.invalid
 * The others happen after the request was handled, so a create still makes its artwork (and
 * counts in get_n_accepted_creates()) and a poll still counts: the answer alone is lost. This is
 * what makes re-sending a create after them dangerous.
 *   SERVER_ERROR      500 with a NestJS body
 *   BAD_GATEWAY       502 with an HTML body, as a proxy sends it
 *   UNAVAILABLE       503 with an HTML body and "Retry-After: 1"
 *   MALFORMED_JSON    the right status with a body that is not JSON
 *   TRUNCATED_BODY    the right status and Content-Length, then half the body and a close
 *   CONNECTION_RESET  the connection is reset (RST) without any answer
 *   SLOW              the right answer, after set_slow_delay_ms() (default 2000 ms)
 *   NOT_AN_IMAGE      a result download answers 200 with its image Content-Type and an HTML
 *                     page as the body, as a captive portal or a misconfigured CDN does
 */
typedef enum
{
  VARIETE_FAKE_FAULT_NONE,
  VARIETE_FAKE_FAULT_RATE_LIMIT,
  VARIETE_FAKE_FAULT_RATE_LIMIT_DATE,
  VARIETE_FAKE_FAULT_SERVER_ERROR,
  VARIETE_FAKE_FAULT_BAD_GATEWAY,
  VARIETE_FAKE_FAULT_UNAVAILABLE,
  VARIETE_FAKE_FAULT_MALFORMED_JSON,
  VARIETE_FAKE_FAULT_TRUNCATED_BODY,
  VARIETE_FAKE_FAULT_CONNECTION_RESET,
  VARIETE_FAKE_FAULT_SLOW,
  VARIETE_FAKE_FAULT_DOWNLOAD_FAILS,
  VARIETE_FAKE_FAULT_LINK_EXPIRED,
  VARIETE_FAKE_FAULT_LINK_GONE,
  VARIETE_FAKE_FAULT_REDIRECT_TO_HTTP,
  VARIETE_FAKE_FAULT_NOT_AN_IMAGE,
} VarieteFakeFault;

#define VARIETE_TYPE_FAKE_SERVER (variete_fake_server_get_type ())

G_DECLARE_FINAL_TYPE (VarieteFakeServer, variete_fake_server, VARIETE, FAKE_SERVER, GObject)

/*
 * A fake Selena Variete API that enforces API.md: a SoupServer on 127.0.0.1, serving on the
 * thread-default main context of the thread that creates it. Artworks advance one status per
 * GET: "starting" when created, "processing" until the n-th GET (set_polls_until_done), then
 * the final status. Succeeded artworks list result URLs <base>/results/<id>/<n>.<ext> that
 * serve images made from the source (a data: URL is decoded; any other source gives a
 * gradient), inverted and scaled, in the configured format. Results need no key.
 *
 * Result URLs are signed like an object store's: they end in "?sig=<n>", and expire_links()
 * makes every link given so far answer 403 until the artwork is fetched again for fresh ones
 * (API.md, Source image). A URL without "sig" is served as a public object. set_result_base_url()
 * makes the artwork list its results under another address (an http:// one off this machine,
 * say) while the server still serves them here. set_refuse_data_urls() makes the create refuse
 * a data: source the way the live server's validation does.
 *
 * The settings apply to artworks created after they are changed. Defaults: 2 polls until done,
 * "image/png", "succeeded", 64 × 64 results (set 0 × 0 for the size the request asks for:
 * 1024 × 1024 for 1:1, about 1 Mpx for other ratios, width × height when given), a slow delay
 * of 2000 ms.
 *
 * get_log() lists one line per request, "METHOD /path[?query] STATUS", with " malformed",
 * " truncated" or " slow" appended when a fault changed the answer, and "reset" as the status
 * of a reset connection. get_n_requests() counts requests by method (%NULL for any) and path
 * prefix (%NULL for any), get_n_requests_with_key() only those that carried an Authorization
 * header.
 */

VarieteFakeServer   *variete_fake_server_new                 (GError            **error);
VarieteFakeServer   *variete_fake_server_new_on_port         (guint               port,
                                                              GError            **error);
VarieteFakeServer   *variete_fake_server_new_for_thread      (GError            **error);
void                 variete_fake_server_start_thread        (VarieteFakeServer  *self);
const char          *variete_fake_server_get_base_url        (VarieteFakeServer  *self);

void                 variete_fake_server_set_polls_until_done (VarieteFakeServer *self,
                                                               guint              n_polls);
void                 variete_fake_server_set_result_format   (VarieteFakeServer  *self,
                                                              const char         *content_type);
void                 variete_fake_server_set_final_status    (VarieteFakeServer  *self,
                                                              const char         *status);
void                 variete_fake_server_set_result_size     (VarieteFakeServer  *self,
                                                              int                 width,
                                                              int                 height);
void                 variete_fake_server_set_slow_delay_ms   (VarieteFakeServer  *self,
                                                              guint               delay_ms);
void                 variete_fake_server_inject_fault        (VarieteFakeServer  *self,
                                                              const char         *prefix,
                                                              VarieteFakeFault    fault,
                                                              guint               times);
void                 variete_fake_server_expire              (VarieteFakeServer  *self,
                                                              const char         *artwork_id);
void                 variete_fake_server_expire_links        (VarieteFakeServer  *self,
                                                              const char         *artwork_id);
void                 variete_fake_server_set_result_base_url (VarieteFakeServer  *self,
                                                              const char         *base_url);
void                 variete_fake_server_set_refuse_data_urls (VarieteFakeServer *self,
                                                               gboolean           refuse);

guint                variete_fake_server_get_n_accepted_creates (VarieteFakeServer *self);
guint                variete_fake_server_get_n_requests      (VarieteFakeServer  *self,
                                                              const char         *method,
                                                              const char         *path_prefix);
guint                variete_fake_server_get_n_requests_with_key (VarieteFakeServer *self,
                                                                  const char        *method,
                                                                  const char        *path_prefix);
const char * const  *variete_fake_server_get_log             (VarieteFakeServer  *self);
JsonNode            *variete_fake_server_get_last_create_body (VarieteFakeServer *self);

G_END_DECLS
