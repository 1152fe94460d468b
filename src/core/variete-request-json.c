/* variete-request-json.c
 *
 * A VarieteRequest as JSON: the body of the create request, with the sending rules of API.md,
 * and a request restored from such a body or from the parameters of an artwork.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-core"

#include <glib/gi18n-lib.h>

#include "variete-json.h"
#include "variete-request-private.h"

/**
 * variete_request_to_json:
 * @self: a #VarieteRequest
 *
 * Builds the body of the create request, applying the sending rules of API.md: every field the
 * form sets is sent, defaults included; denoising only for the modes that use it; aspectRatio or
 * width and height, never both; colorTone, webhook and negativePrompt only when set.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
variete_request_to_json (VarieteRequest *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *webhook = NULL;

  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  if (self->source_url != NULL)
    {
      json_builder_set_member_name (builder, "imageUrl");
      json_builder_add_string_value (builder, self->source_url);
    }

  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "batch");
  json_builder_add_int_value (builder, self->batch);
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, self->prompt);

  if (variete_count_words (self->negative_prompt) > 0)
    {
      json_builder_set_member_name (builder, "negativePrompt");
      json_builder_add_string_value (builder, self->negative_prompt);
    }

  json_builder_set_member_name (builder, "style");
  json_builder_add_string_value (builder, self->style);
  json_builder_set_member_name (builder, "processingMode");
  json_builder_add_string_value (builder, self->processing_mode);
  json_builder_set_member_name (builder, "promptMode");
  json_builder_add_string_value (builder, self->prompt_mode);
  json_builder_set_member_name (builder, "creativity");
  json_builder_add_int_value (builder, self->creativity);
  json_builder_set_member_name (builder, "details");
  json_builder_add_int_value (builder, self->details);

  if (variete_request_get_uses_denoising (self))
    {
      json_builder_set_member_name (builder, "denoising");
      json_builder_add_int_value (builder, self->denoising);
    }

  if (g_str_equal (self->size_mode, VARIETE_SIZE_MODE_CUSTOM))
    {
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, self->width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, self->height);
    }
  else
    {
      json_builder_set_member_name (builder, "aspectRatio");
      json_builder_add_string_value (builder, self->aspect_ratio);
    }

  json_builder_set_member_name (builder, "nsfw");
  json_builder_add_boolean_value (builder, self->nsfw);
  json_builder_set_member_name (builder, "transparentBackground");
  json_builder_add_boolean_value (builder, self->transparent_background);

  if (!g_str_equal (self->color_tone, VARIETE_COLOR_TONE_NONE))
    {
      json_builder_set_member_name (builder, "colorTone");
      json_builder_add_string_value (builder, self->color_tone);
    }

  webhook = g_strstrip (g_strdup (self->webhook));
  if (webhook[0] != '\0')
    {
      json_builder_set_member_name (builder, "webhook");
      json_builder_add_string_value (builder, webhook);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Returns: (transfer full): the body of the create request as compact JSON text */
char *
variete_request_to_json_string (VarieteRequest *self)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  root = variete_request_to_json (self);

  return json_to_string (root, FALSE);
}

static JsonNode *
get_value_member (JsonObject *object,
                  const char *name,
                  GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;

  return node;
}

static void
restore_string (VarieteRequest *self,
                JsonObject     *object,
                const char     *name,
                const char     *property)
{
  JsonNode *node = get_value_member (object, name, G_TYPE_STRING);

  if (node != NULL)
    g_object_set (self, property, json_node_get_string (node), NULL);
}

/* Restores an int member; the setter keeps out-of-range values for validation to report. */
static gboolean
restore_int (JsonObject *object,
             const char *name,
             int        *value)
{
  JsonNode *node = get_value_member (object, name, G_TYPE_INT64);
  gint64 number;

  if (node == NULL)
    return FALSE;

  number = json_node_get_int (node);
  *value = (int) CLAMP (number, G_MININT, G_MAXINT);

  return TRUE;
}

static void
restore_boolean (VarieteRequest *self,
                 JsonObject     *object,
                 const char     *name,
                 const char     *property)
{
  JsonNode *node = get_value_member (object, name, G_TYPE_BOOLEAN);

  if (node != NULL)
    g_object_set (self, property, json_node_get_boolean (node), NULL);
}

/**
 * variete_request_new_from_json:
 * @node: a JSON object as made by variete_request_to_json(), or the parameters of an artwork
 * @error: return location for a #VARIETE_REQUEST_ERROR
 *
 * Restores a past request. Unknown and wrong-typed members are ignored and missing ones keep
 * their default; aspectRatio selects the aspect size mode, width and height the custom one.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL if @node is not a JSON object
 */
VarieteRequest *
variete_request_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(VarieteRequest) self = NULL;
  JsonObject *object;
  gboolean has_aspect, has_width, has_height;
  int value;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE,
                           _("The saved request is not a JSON object."));
      return NULL;
    }

  if (!variete_json_node_is_utf8 (node))
    {
      g_set_error_literal (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE,
                           _("The saved request holds text that is not valid UTF-8."));
      return NULL;
    }

  object = json_node_get_object (node);
  self = variete_request_new ();

  restore_string (self, object, "imageUrl", "source-url");
  restore_string (self, object, "model", "model");
  restore_string (self, object, "prompt", "prompt");
  restore_string (self, object, "negativePrompt", "negative-prompt");
  restore_string (self, object, "style", "style");
  restore_string (self, object, "processingMode", "processing-mode");
  restore_string (self, object, "promptMode", "prompt-mode");
  restore_string (self, object, "aspectRatio", "aspect-ratio");
  restore_string (self, object, "colorTone", "color-tone");
  restore_string (self, object, "webhook", "webhook");
  restore_boolean (self, object, "nsfw", "nsfw");
  restore_boolean (self, object, "transparentBackground", "transparent-background");

  if (restore_int (object, "batch", &value))
    variete_request_set_batch (self, value);
  if (restore_int (object, "creativity", &value))
    variete_request_set_creativity (self, value);
  if (restore_int (object, "details", &value))
    variete_request_set_details (self, value);
  if (restore_int (object, "denoising", &value))
    variete_request_set_denoising (self, value);
  if ((has_width = restore_int (object, "width", &value)))
    variete_request_set_width (self, value);
  if ((has_height = restore_int (object, "height", &value)))
    variete_request_set_height (self, value);

  has_aspect = get_value_member (object, "aspectRatio", G_TYPE_STRING) != NULL;
  if (!has_aspect && has_width && has_height)
    variete_request_set_size_mode (self, VARIETE_SIZE_MODE_CUSTOM);

  return g_steal_pointer (&self);
}
