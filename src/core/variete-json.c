/* variete-json.c
 *
 * json-glib 1.6 reads a C-style octal escape inside a JSON string ("\231") as a raw byte, so a
 * document that is valid UTF-8 can give strings that are not (found by fuzz/). Everything Variete
 * reads from JSON goes through this check, once, where the document is parsed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-json.h"

/* Returns whether every string in @node, member names included, is valid UTF-8. */
gboolean
variete_json_node_is_utf8 (JsonNode *node)
{
  if (node == NULL)
    return TRUE;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !variete_json_node_is_utf8 (member))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          if (!variete_json_node_is_utf8 (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_utf8_validate (json_node_get_string (node), -1, NULL);
      return TRUE;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* Returns the string member @name of @object, or %NULL when it is absent or not a string. */
const char *
variete_json_get_string (JsonObject *object,
                         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Sets @value to the number member @name of @object (integer or not); returns whether there is
 * one. */
gboolean
variete_json_get_number (JsonObject *object,
                         const char *name,
                         double     *value)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;

  *value = json_node_get_double (node);

  return TRUE;
}

/* Returns: (transfer full) (nullable): the ISO 8601 time in the string member @name of
 *   @object (UTC unless it says otherwise), or %NULL when there is none */
GDateTime *
variete_json_get_time (JsonObject *object,
                       const char *name)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *text = variete_json_get_string (object, name);

  return text ? g_date_time_new_from_iso8601 (text, utc) : NULL;
}
