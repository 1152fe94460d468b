/* variete-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean    variete_json_node_is_utf8    (JsonNode   *node);
const char *variete_json_get_string     (JsonObject *object,
                                          const char *name);
gboolean    variete_json_get_number     (JsonObject *object,
                                          const char *name,
                                          double     *value);
GDateTime  *variete_json_get_time       (JsonObject *object,
                                          const char *name);

G_END_DECLS
