/* variete-http.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Starts the request for @url anew; takes @task. */
typedef void (*VarieteHttpStartFunc) (GTask      *task,
                                      const char *url);

SoupMessage *variete_http_new_message         (const char            *method,
                                               GUri                  *uri,
                                               const char            *accept);
gboolean     variete_http_status_is_redirect  (guint                  status);
gboolean     variete_http_follow_redirect     (SoupMessage           *msg,
                                               guint                 *n_redirects,
                                               GTask                 *task,
                                               VarieteHttpStartFunc   start);

G_END_DECLS
