/* variete-fake-server-private.h
 *
 * The parts of the fake server that are split out of variete-fake-server.c: the validation of
 * a create request and the result images.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* variete-fake-server-validate.c */
GPtrArray *variete_fake_server_validate_create      (JsonObject   *body);
gboolean   variete_fake_server_host_is_public       (const char   *host);

/* variete-fake-server-images.c */
GdkPixbuf *variete_fake_server_decode_data_url      (const char   *url,
                                                     GError      **error);
GdkPixbuf *variete_fake_server_new_gradient         (int           width,
                                                     int           height);
GBytes    *variete_fake_server_render_result        (GdkPixbuf    *source,
                                                     guint         index,
                                                     int           width,
                                                     int           height,
                                                     const char   *content_type,
                                                     GError      **error);
gboolean   variete_fake_server_can_write            (const char   *content_type);
const char *variete_fake_server_type_to_extension   (const char   *content_type);

G_END_DECLS
