/* variete-request.c
 *
 * Everything the artist asks the API for, one property per API field (API.md, Create), named as
 * the GSettings keys so the form and the settings bind to it directly. The setters take any
 * value; variete_request_validate() says what is wrong, and variete_request_to_json() applies
 * the sending rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-core"

#include "variete-request-private.h"

G_DEFINE_FINAL_TYPE (VarieteRequest, variete_request, G_TYPE_OBJECT)

G_DEFINE_QUARK (variete-request-error-quark, variete_request_error)

static GParamSpec *properties [N_PROPS];

/* Notifies @prop; the setters in variete-request-accessors.c call it. */
void
variete_request_notify (VarieteRequest     *self,
                        VarieteRequestProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);
}

static void
variete_request_finalize (GObject *object)
{
  VarieteRequest *self = (VarieteRequest *)object;

  g_clear_pointer (&self->source_url, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->negative_prompt, g_free);
  g_clear_pointer (&self->style, g_free);
  g_clear_pointer (&self->processing_mode, g_free);
  g_clear_pointer (&self->prompt_mode, g_free);
  g_clear_pointer (&self->size_mode, g_free);
  g_clear_pointer (&self->aspect_ratio, g_free);
  g_clear_pointer (&self->color_tone, g_free);
  g_clear_pointer (&self->webhook, g_free);

  G_OBJECT_CLASS (variete_request_parent_class)->finalize (object);
}

static void
variete_request_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VarieteRequest *self = VARIETE_REQUEST (object);

  switch (prop_id)
    {
    case PROP_SOURCE_URL:
      g_value_set_string (value, self->source_url);
      break;

    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    case PROP_BATCH:
      g_value_set_int (value, self->batch);
      break;

    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;

    case PROP_NEGATIVE_PROMPT:
      g_value_set_string (value, self->negative_prompt);
      break;

    case PROP_STYLE:
      g_value_set_string (value, self->style);
      break;

    case PROP_PROCESSING_MODE:
      g_value_set_string (value, self->processing_mode);
      break;

    case PROP_PROMPT_MODE:
      g_value_set_string (value, self->prompt_mode);
      break;

    case PROP_CREATIVITY:
      g_value_set_int (value, self->creativity);
      break;

    case PROP_DETAILS:
      g_value_set_int (value, self->details);
      break;

    case PROP_DENOISING:
      g_value_set_int (value, self->denoising);
      break;

    case PROP_SIZE_MODE:
      g_value_set_string (value, self->size_mode);
      break;

    case PROP_ASPECT_RATIO:
      g_value_set_string (value, self->aspect_ratio);
      break;

    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;

    case PROP_NSFW:
      g_value_set_boolean (value, self->nsfw);
      break;

    case PROP_TRANSPARENT_BACKGROUND:
      g_value_set_boolean (value, self->transparent_background);
      break;

    case PROP_COLOR_TONE:
      g_value_set_string (value, self->color_tone);
      break;

    case PROP_WEBHOOK:
      g_value_set_string (value, self->webhook);
      break;

    case PROP_USES_DENOISING:
      g_value_set_boolean (value, variete_request_get_uses_denoising (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_request_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VarieteRequest *self = VARIETE_REQUEST (object);

  switch (prop_id)
    {
    case PROP_SOURCE_URL:
      variete_request_set_source_url (self, g_value_get_string (value));
      break;

    case PROP_MODEL:
      variete_request_set_model (self, g_value_get_string (value));
      break;

    case PROP_BATCH:
      variete_request_set_batch (self, g_value_get_int (value));
      break;

    case PROP_PROMPT:
      variete_request_set_prompt (self, g_value_get_string (value));
      break;

    case PROP_NEGATIVE_PROMPT:
      variete_request_set_negative_prompt (self, g_value_get_string (value));
      break;

    case PROP_STYLE:
      variete_request_set_style (self, g_value_get_string (value));
      break;

    case PROP_PROCESSING_MODE:
      variete_request_set_processing_mode (self, g_value_get_string (value));
      break;

    case PROP_PROMPT_MODE:
      variete_request_set_prompt_mode (self, g_value_get_string (value));
      break;

    case PROP_CREATIVITY:
      variete_request_set_creativity (self, g_value_get_int (value));
      break;

    case PROP_DETAILS:
      variete_request_set_details (self, g_value_get_int (value));
      break;

    case PROP_DENOISING:
      variete_request_set_denoising (self, g_value_get_int (value));
      break;

    case PROP_SIZE_MODE:
      variete_request_set_size_mode (self, g_value_get_string (value));
      break;

    case PROP_ASPECT_RATIO:
      variete_request_set_aspect_ratio (self, g_value_get_string (value));
      break;

    case PROP_WIDTH:
      variete_request_set_width (self, g_value_get_int (value));
      break;

    case PROP_HEIGHT:
      variete_request_set_height (self, g_value_get_int (value));
      break;

    case PROP_NSFW:
      variete_request_set_nsfw (self, g_value_get_boolean (value));
      break;

    case PROP_TRANSPARENT_BACKGROUND:
      variete_request_set_transparent_background (self, g_value_get_boolean (value));
      break;

    case PROP_COLOR_TONE:
      variete_request_set_color_tone (self, g_value_get_string (value));
      break;

    case PROP_WEBHOOK:
      variete_request_set_webhook (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_param (const char *name,
              const char *default_value)
{
  return g_param_spec_string (name, NULL, NULL, default_value,
                              (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
int_param (const char *name,
           int         minimum,
           int         maximum,
           int         default_value)
{
  return g_param_spec_int (name, NULL, NULL, minimum, maximum, default_value,
                           (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                            G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
boolean_param (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                G_PARAM_STATIC_STRINGS));
}

static void
variete_request_class_init (VarieteRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = variete_request_finalize;
  object_class->get_property = variete_request_get_property;
  object_class->set_property = variete_request_set_property;

  /* The source image as a URL: https://, data:image/… or loopback http://; %NULL when unset. */
  properties [PROP_SOURCE_URL] = string_param ("source-url", NULL);
  properties [PROP_MODEL] =
    string_param ("model", variete_enum_get_default (VARIETE_ENUM_MODEL));
  properties [PROP_BATCH] =
    int_param ("batch", VARIETE_MIN_BATCH, VARIETE_MAX_BATCH, VARIETE_DEFAULT_BATCH);
  properties [PROP_PROMPT] = string_param ("prompt", VARIETE_DEFAULT_PROMPT);
  properties [PROP_NEGATIVE_PROMPT] = string_param ("negative-prompt", "");
  properties [PROP_STYLE] =
    string_param ("style", variete_enum_get_default (VARIETE_ENUM_STYLE));
  properties [PROP_PROCESSING_MODE] =
    string_param ("processing-mode", variete_enum_get_default (VARIETE_ENUM_PROCESSING_MODE));
  properties [PROP_PROMPT_MODE] =
    string_param ("prompt-mode", variete_enum_get_default (VARIETE_ENUM_PROMPT_MODE));
  properties [PROP_CREATIVITY] =
    int_param ("creativity", VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH,
               VARIETE_DEFAULT_STRENGTH);
  properties [PROP_DETAILS] =
    int_param ("details", VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH, VARIETE_DEFAULT_STRENGTH);
  properties [PROP_DENOISING] =
    int_param ("denoising", VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH,
               VARIETE_DEFAULT_STRENGTH);
  properties [PROP_SIZE_MODE] = string_param ("size-mode", VARIETE_SIZE_MODE_ASPECT);
  properties [PROP_ASPECT_RATIO] =
    string_param ("aspect-ratio", variete_enum_get_default (VARIETE_ENUM_ASPECT_RATIO));
  properties [PROP_WIDTH] =
    int_param ("width", VARIETE_MIN_SIDE, VARIETE_MAX_SIDE, VARIETE_DEFAULT_SIDE);
  properties [PROP_HEIGHT] =
    int_param ("height", VARIETE_MIN_SIDE, VARIETE_MAX_SIDE, VARIETE_DEFAULT_SIDE);
  properties [PROP_NSFW] = boolean_param ("nsfw");
  properties [PROP_TRANSPARENT_BACKGROUND] = boolean_param ("transparent-background");
  properties [PROP_COLOR_TONE] =
    string_param ("color-tone", variete_enum_get_default (VARIETE_ENUM_COLOR_TONE));
  properties [PROP_WEBHOOK] = string_param ("webhook", "");

  /* Whether the processing mode uses denoising, so the form can grey the control out. */
  properties [PROP_USES_DENOISING] =
    g_param_spec_boolean ("uses-denoising", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
variete_request_init (VarieteRequest *self)
{
  self->model = g_strdup (variete_enum_get_default (VARIETE_ENUM_MODEL));
  self->batch = VARIETE_DEFAULT_BATCH;
  self->prompt = g_strdup (VARIETE_DEFAULT_PROMPT);
  self->negative_prompt = g_strdup ("");
  self->style = g_strdup (variete_enum_get_default (VARIETE_ENUM_STYLE));
  self->processing_mode = g_strdup (variete_enum_get_default (VARIETE_ENUM_PROCESSING_MODE));
  self->prompt_mode = g_strdup (variete_enum_get_default (VARIETE_ENUM_PROMPT_MODE));
  self->creativity = VARIETE_DEFAULT_STRENGTH;
  self->details = VARIETE_DEFAULT_STRENGTH;
  self->denoising = VARIETE_DEFAULT_STRENGTH;
  self->size_mode = g_strdup (VARIETE_SIZE_MODE_ASPECT);
  self->aspect_ratio = g_strdup (variete_enum_get_default (VARIETE_ENUM_ASPECT_RATIO));
  self->width = VARIETE_DEFAULT_SIDE;
  self->height = VARIETE_DEFAULT_SIDE;
  self->color_tone = g_strdup (variete_enum_get_default (VARIETE_ENUM_COLOR_TONE));
  self->webhook = g_strdup ("");
}

VarieteRequest *
variete_request_new (void)
{
  return g_object_new (VARIETE_TYPE_REQUEST, NULL);
}

/**
 * variete_request_copy:
 * @self: a #VarieteRequest
 *
 * Returns: (transfer full): a new request with the same fields, source included
 */
VarieteRequest *
variete_request_copy (VarieteRequest *self)
{
  VarieteRequest *copy;

  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  copy = variete_request_new ();
  variete_request_set_source_url (copy, self->source_url);
  variete_request_assign_fields (copy, self);

  return copy;
}

/* Gives @self every form field of @other (restoring a past job into the form); the source image
 * is not a form field and stays. */
void
variete_request_assign_fields (VarieteRequest *self,
                               VarieteRequest *other)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));
  g_return_if_fail (VARIETE_IS_REQUEST (other));

  g_object_freeze_notify (G_OBJECT (self));
  variete_request_set_model (self, other->model);
  variete_request_set_batch (self, other->batch);
  variete_request_set_prompt (self, other->prompt);
  variete_request_set_negative_prompt (self, other->negative_prompt);
  variete_request_set_style (self, other->style);
  variete_request_set_processing_mode (self, other->processing_mode);
  variete_request_set_prompt_mode (self, other->prompt_mode);
  variete_request_set_creativity (self, other->creativity);
  variete_request_set_details (self, other->details);
  variete_request_set_denoising (self, other->denoising);
  variete_request_set_size_mode (self, other->size_mode);
  variete_request_set_aspect_ratio (self, other->aspect_ratio);
  variete_request_set_width (self, other->width);
  variete_request_set_height (self, other->height);
  variete_request_set_nsfw (self, other->nsfw);
  variete_request_set_transparent_background (self, other->transparent_background);
  variete_request_set_color_tone (self, other->color_tone);
  variete_request_set_webhook (self, other->webhook);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Puts every field back to its default; the source image is kept. */
void
variete_request_reset (VarieteRequest *self)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  g_object_freeze_notify (G_OBJECT (self));

  variete_request_set_model (self, NULL);
  variete_request_set_batch (self, VARIETE_DEFAULT_BATCH);
  variete_request_set_prompt (self, VARIETE_DEFAULT_PROMPT);
  variete_request_set_negative_prompt (self, NULL);
  variete_request_set_style (self, NULL);
  variete_request_set_processing_mode (self, NULL);
  variete_request_set_prompt_mode (self, NULL);
  variete_request_set_creativity (self, VARIETE_DEFAULT_STRENGTH);
  variete_request_set_details (self, VARIETE_DEFAULT_STRENGTH);
  variete_request_set_denoising (self, VARIETE_DEFAULT_STRENGTH);
  variete_request_set_size_mode (self, NULL);
  variete_request_set_aspect_ratio (self, NULL);
  variete_request_set_width (self, VARIETE_DEFAULT_SIDE);
  variete_request_set_height (self, VARIETE_DEFAULT_SIDE);
  variete_request_set_nsfw (self, FALSE);
  variete_request_set_transparent_background (self, FALSE);
  variete_request_set_color_tone (self, NULL);
  variete_request_set_webhook (self, NULL);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Returns: whether every field of @self and @other (source included) is the same */
gboolean
variete_request_equal (VarieteRequest *self,
                       VarieteRequest *other)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (VARIETE_IS_REQUEST (other), FALSE);

  return g_strcmp0 (self->source_url, other->source_url) == 0 &&
         g_str_equal (self->model, other->model) &&
         self->batch == other->batch &&
         g_str_equal (self->prompt, other->prompt) &&
         g_str_equal (self->negative_prompt, other->negative_prompt) &&
         g_str_equal (self->style, other->style) &&
         g_str_equal (self->processing_mode, other->processing_mode) &&
         g_str_equal (self->prompt_mode, other->prompt_mode) &&
         self->creativity == other->creativity &&
         self->details == other->details &&
         self->denoising == other->denoising &&
         g_str_equal (self->size_mode, other->size_mode) &&
         g_str_equal (self->aspect_ratio, other->aspect_ratio) &&
         self->width == other->width &&
         self->height == other->height &&
         self->nsfw == other->nsfw &&
         self->transparent_background == other->transparent_background &&
         g_str_equal (self->color_tone, other->color_tone) &&
         g_str_equal (self->webhook, other->webhook);
}
