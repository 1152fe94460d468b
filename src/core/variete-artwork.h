/* variete-artwork.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  VARIETE_ARTWORK_STATUS_UNKNOWN,
  VARIETE_ARTWORK_STATUS_STARTING,
  VARIETE_ARTWORK_STATUS_PROCESSING,
  VARIETE_ARTWORK_STATUS_SUCCEEDED,
  VARIETE_ARTWORK_STATUS_FAILED,
  VARIETE_ARTWORK_STATUS_CANCELED,
} VarieteArtworkStatus;

#define VARIETE_TYPE_ARTWORK (variete_artwork_get_type ())

G_DECLARE_FINAL_TYPE (VarieteArtwork, variete_artwork, VARIETE, ARTWORK, GObject)

VarieteArtwork       *variete_artwork_new_from_json       (JsonNode             *node,
                                                           GError              **error);
VarieteArtwork       *variete_artwork_new_from_bytes      (GBytes               *bytes,
                                                           GError              **error);
GPtrArray            *variete_artwork_list_new_from_bytes (GBytes               *bytes,
                                                           GError              **error);
const char           *variete_artwork_get_id              (VarieteArtwork       *self);
const char           *variete_artwork_get_artwork_type    (VarieteArtwork       *self);
VarieteArtworkStatus  variete_artwork_get_status          (VarieteArtwork       *self);
const char           *variete_artwork_get_status_string   (VarieteArtwork       *self);
const char * const   *variete_artwork_get_results         (VarieteArtwork       *self);
guint                 variete_artwork_get_n_results       (VarieteArtwork       *self);
double                variete_artwork_get_duration        (VarieteArtwork       *self);
GDateTime            *variete_artwork_get_created_at      (VarieteArtwork       *self);
JsonObject           *variete_artwork_get_parameters      (VarieteArtwork       *self);
gboolean              variete_artwork_status_is_final     (VarieteArtworkStatus  status);
const char           *variete_artwork_status_to_string    (VarieteArtworkStatus  status);
VarieteArtworkStatus  variete_artwork_status_from_string  (const char           *status);
GUri                 *variete_uri_parse_web               (const char           *url);
gboolean              variete_url_is_allowed              (const char           *url);
gboolean              variete_url_is_loopback             (const char           *url);
gboolean              variete_host_is_public              (const char           *host);

G_END_DECLS
