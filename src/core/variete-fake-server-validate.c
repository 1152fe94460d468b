/* variete-fake-server-validate.c
 *
 * The fake server's check of a create request (API.md, Create). Like the real server (NestJS
 * with class-validator and the whitelist option), it does not stop at the first problem: it
 * lists every violated rule, in class-validator's words where it has words for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-fake-server"

#include <gio/gio.h>

#include "variete-artwork.h"
#include "variete-enums.h"
#include "variete-fake-server-private.h"

typedef struct
{
  const char *name;
  int         min;
  int         max;
} IntField;

static const IntField int_fields[] = {
  { "batch", VARIETE_MIN_BATCH, VARIETE_MAX_BATCH },
  { "creativity", VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH },
  { "details", VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH },
  { "denoising", VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH },
  { "width", VARIETE_MIN_SIDE, VARIETE_MAX_SIDE },
  { "height", VARIETE_MIN_SIDE, VARIETE_MAX_SIDE },
};

static const char * const string_fields[] = { "prompt", "negativePrompt" };
static const char * const bool_fields[] = { "nsfw", "transparentBackground" };
static const char * const other_fields[] = { "imageUrl", "webhook" };

static const char * const data_url_prefixes[] = {
  "data:image/png;base64,",
  "data:image/jpeg;base64,",
  "data:image/webp;base64,",
};

/* Returns: (nullable): member @name of @body, or %NULL when it is absent or null, which
 * class-validator's @IsOptional() treats alike */
static JsonNode *
get_member (JsonObject *body,
            const char *name)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_bool (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
is_known_field (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (int_fields); i++)
    if (g_str_equal (name, int_fields[i].name))
      return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    if (g_str_equal (name, string_fields[i]))
      return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (bool_fields); i++)
    if (g_str_equal (name, bool_fields[i]))
      return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (other_fields); i++)
    if (g_str_equal (name, other_fields[i]))
      return TRUE;

  for (guint kind = 0; kind < VARIETE_N_ENUMS; kind++)
    if (g_str_equal (name, variete_enum_get_name (kind)))
      return TRUE;

  return FALSE;
}

static gboolean
is_base64 (const char *text)
{
  if (text[0] == '\0')
    return FALSE;

  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_image_url (const char *url)
{
  for (guint i = 0; i < G_N_ELEMENTS (data_url_prefixes); i++)
    {
      if (g_str_has_prefix (url, data_url_prefixes[i]))
        return is_base64 (url + strlen (data_url_prefixes[i]));
    }

  return variete_url_is_allowed (url);
}

static void
check_image_url (JsonObject *body,
                 GPtrArray  *errors)
{
  JsonNode *node = get_member (body, "imageUrl");

  if (node == NULL)
    {
      g_ptr_array_add (errors, g_strdup ("imageUrl should not be empty"));
      g_ptr_array_add (errors, g_strdup ("imageUrl must be a string"));
      return;
    }

  if (!node_is_string (node))
    {
      g_ptr_array_add (errors, g_strdup ("imageUrl must be a string"));
      return;
    }

  if (json_node_get_string (node)[0] == '\0')
    {
      g_ptr_array_add (errors, g_strdup ("imageUrl should not be empty"));
      return;
    }

  if (!is_image_url (json_node_get_string (node)))
    g_ptr_array_add (errors,
                     g_strdup ("imageUrl must be an https:// URL or a "
                               "data:image/(png|jpeg|webp);base64 URL"));
}

static void
check_enums (JsonObject *body,
             GPtrArray  *errors)
{
  for (guint kind = 0; kind < VARIETE_N_ENUMS; kind++)
    {
      const char *name = variete_enum_get_name (kind);
      JsonNode *node = get_member (body, name);
      const VarieteEnumValue *values;
      g_autoptr(GString) allowed = NULL;
      const char *value;
      guint n_values;

      if (node == NULL)
        continue;

      value = node_is_string (node) ? json_node_get_string (node) : NULL;

      /* "none" is the app's way of saying that no colour tone is sent. */
      if (value != NULL && variete_enum_lookup (kind, value) != NULL &&
          !(kind == VARIETE_ENUM_COLOR_TONE && g_str_equal (value, VARIETE_COLOR_TONE_NONE)))
        continue;

      values = variete_enum_get_values (kind, &n_values);
      allowed = g_string_new (NULL);

      for (guint i = 0; i < n_values; i++)
        {
          if (kind == VARIETE_ENUM_COLOR_TONE &&
              g_str_equal (values[i].value, VARIETE_COLOR_TONE_NONE))
            continue;

          if (allowed->len > 0)
            g_string_append (allowed, ", ");
          g_string_append (allowed, values[i].value);
        }

      g_ptr_array_add (errors, g_strdup_printf ("%s must be one of the following values: %s",
                                                name, allowed->str));
    }
}

static void
check_ints (JsonObject *body,
            GPtrArray  *errors)
{
  for (guint i = 0; i < G_N_ELEMENTS (int_fields); i++)
    {
      const IntField *field = &int_fields[i];
      JsonNode *node = get_member (body, field->name);
      gint64 value;

      if (node == NULL)
        continue;

      if (!node_is_int (node))
        {
          g_ptr_array_add (errors, g_strdup_printf ("%s must be an integer number", field->name));
          continue;
        }

      value = json_node_get_int (node);

      if (value < field->min)
        g_ptr_array_add (errors, g_strdup_printf ("%s must not be less than %d",
                                                  field->name, field->min));
      else if (value > field->max)
        g_ptr_array_add (errors, g_strdup_printf ("%s must not be greater than %d",
                                                  field->name, field->max));
    }
}

static void
check_strings_and_bools (JsonObject *body,
                         GPtrArray  *errors)
{
  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    {
      JsonNode *node = get_member (body, string_fields[i]);

      if (node != NULL && !node_is_string (node))
        g_ptr_array_add (errors, g_strdup_printf ("%s must be a string", string_fields[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bool_fields); i++)
    {
      JsonNode *node = get_member (body, bool_fields[i]);

      if (node != NULL && !node_is_bool (node))
        g_ptr_array_add (errors, g_strdup_printf ("%s must be a boolean value", bool_fields[i]));
    }
}

static void
check_size (JsonObject *body,
            GPtrArray  *errors)
{
  JsonNode *width = get_member (body, "width");
  JsonNode *height = get_member (body, "height");

  if (get_member (body, "aspectRatio") != NULL && (width != NULL || height != NULL))
    g_ptr_array_add (errors,
                     g_strdup ("aspectRatio must not be sent together with width and height"));

  if (width != NULL && height == NULL)
    g_ptr_array_add (errors, g_strdup ("height must be sent together with width"));

  if (height != NULL && width == NULL)
    g_ptr_array_add (errors, g_strdup ("width must be sent together with height"));

  if (width != NULL && height != NULL && node_is_int (width) && node_is_int (height))
    {
      gint64 w = json_node_get_int (width);
      gint64 h = json_node_get_int (height);

      /* Only when both sides are in range, so that a side out of range is reported once. */
      if (w >= VARIETE_MIN_SIDE && w <= VARIETE_MAX_SIDE &&
          h >= VARIETE_MIN_SIDE && h <= VARIETE_MAX_SIDE &&
          w * h > VARIETE_MAX_AREA)
        g_ptr_array_add (errors,
                         g_strdup_printf ("width × height must not be greater than %d pixels",
                                          VARIETE_MAX_AREA));
    }
}

static void
check_webhook (JsonObject *body,
               GPtrArray  *errors)
{
  JsonNode *node = get_member (body, "webhook");
  g_autoptr(GUri) uri = NULL;

  if (node == NULL)
    return;

  if (node_is_string (node))
    uri = g_uri_parse (json_node_get_string (node), G_URI_FLAGS_NONE, NULL);

  if (uri == NULL ||
      g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 ||
      !variete_host_is_public (g_uri_get_host (uri)))
    g_ptr_array_add (errors, g_strdup ("webhook must be an https:// URL with a public host"));
}

/**
 * variete_fake_server_validate_create:
 * @body: the JSON object of a create request
 *
 * Returns: (transfer full) (element-type utf8): one message per violated rule; empty when
 *   @body is a valid request
 */
GPtrArray *
variete_fake_server_validate_create (JsonObject *body)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) members = json_object_get_members (body);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!is_known_field (l->data))
        g_ptr_array_add (errors, g_strdup_printf ("property %s should not exist",
                                                  (const char *) l->data));
    }

  check_image_url (body, errors);
  check_enums (body, errors);
  check_ints (body, errors);
  check_strings_and_bools (body, errors);
  check_size (body, errors);
  check_webhook (body, errors);

  return g_steal_pointer (&errors);
}
