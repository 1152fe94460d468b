/* variete-request-accessors.c
 *
 * The getters and setters of VarieteRequest. The setters take any value (validation says what
 * is wrong) and notify only when the value changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-core"

#include "variete-request-private.h"

/* Stores @value in @field and notifies @prop, unless nothing changed. */
static gboolean
set_string (VarieteRequest      *self,
            char               **field,
            const char          *value,
            VarieteRequestProp   prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  variete_request_notify (self, prop);

  return TRUE;
}

static gboolean
set_int (VarieteRequest     *self,
         int                *field,
         int                 value,
         VarieteRequestProp  prop)
{
  if (*field == value)
    return FALSE;

  *field = value;
  variete_request_notify (self, prop);

  return TRUE;
}

/* Getters and setters */

/* Returns: (nullable): the source image as a URL, %NULL when there is none */
const char *
variete_request_get_source_url (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->source_url;
}

/* An empty @source_url means no source, like %NULL. */
void
variete_request_set_source_url (VarieteRequest *self,
                                const char     *source_url)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (source_url != NULL && source_url[0] == '\0')
    source_url = NULL;

  set_string (self, &self->source_url, source_url, PROP_SOURCE_URL);
}

const char *
variete_request_get_model (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->model;
}

/* Sets the model by API value; %NULL selects the default. */
void
variete_request_set_model (VarieteRequest *self,
                           const char     *model)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (model == NULL)
    model = variete_enum_get_default (VARIETE_ENUM_MODEL);

  set_string (self, &self->model, model, PROP_MODEL);
}

int
variete_request_get_batch (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->batch;
}

void
variete_request_set_batch (VarieteRequest *self,
                           int             batch)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->batch, batch, PROP_BATCH);
}

const char *
variete_request_get_prompt (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->prompt;
}

/* %NULL means an empty prompt. */
void
variete_request_set_prompt (VarieteRequest *self,
                            const char     *prompt)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_string (self, &self->prompt, prompt ? prompt : "", PROP_PROMPT);
}

const char *
variete_request_get_negative_prompt (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->negative_prompt;
}

void
variete_request_set_negative_prompt (VarieteRequest *self,
                                     const char     *negative_prompt)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_string (self, &self->negative_prompt, negative_prompt ? negative_prompt : "",
              PROP_NEGATIVE_PROMPT);
}

const char *
variete_request_get_style (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->style;
}

/* Sets the style by API value; %NULL selects the default. */
void
variete_request_set_style (VarieteRequest *self,
                           const char     *style)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (style == NULL)
    style = variete_enum_get_default (VARIETE_ENUM_STYLE);

  set_string (self, &self->style, style, PROP_STYLE);
}

const char *
variete_request_get_processing_mode (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->processing_mode;
}

/* Sets the processing mode by API value; %NULL selects the default. */
void
variete_request_set_processing_mode (VarieteRequest *self,
                                     const char     *processing_mode)
{
  gboolean used_denoising;

  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (processing_mode == NULL)
    processing_mode = variete_enum_get_default (VARIETE_ENUM_PROCESSING_MODE);

  used_denoising = variete_request_get_uses_denoising (self);
  if (!set_string (self, &self->processing_mode, processing_mode, PROP_PROCESSING_MODE))
    return;

  if (variete_request_get_uses_denoising (self) != used_denoising)
    variete_request_notify (self, PROP_USES_DENOISING);
}

const char *
variete_request_get_prompt_mode (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->prompt_mode;
}

/* Sets the prompt mode by API value; %NULL selects the default. */
void
variete_request_set_prompt_mode (VarieteRequest *self,
                                 const char     *prompt_mode)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (prompt_mode == NULL)
    prompt_mode = variete_enum_get_default (VARIETE_ENUM_PROMPT_MODE);

  set_string (self, &self->prompt_mode, prompt_mode, PROP_PROMPT_MODE);
}

int
variete_request_get_creativity (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->creativity;
}

void
variete_request_set_creativity (VarieteRequest *self,
                                int             creativity)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->creativity, creativity, PROP_CREATIVITY);
}

int
variete_request_get_details (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->details;
}

void
variete_request_set_details (VarieteRequest *self,
                             int             details)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->details, details, PROP_DETAILS);
}

int
variete_request_get_denoising (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->denoising;
}

void
variete_request_set_denoising (VarieteRequest *self,
                               int             denoising)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->denoising, denoising, PROP_DENOISING);
}

/* Returns: whether the API uses denoising with the current processing mode */
gboolean
variete_request_get_uses_denoising (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), FALSE);

  return variete_processing_mode_uses_denoising (self->processing_mode);
}

/* Returns: %VARIETE_SIZE_MODE_ASPECT or %VARIETE_SIZE_MODE_CUSTOM (or what was set) */
const char *
variete_request_get_size_mode (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->size_mode;
}

/* %NULL selects the default, %VARIETE_SIZE_MODE_ASPECT. */
void
variete_request_set_size_mode (VarieteRequest *self,
                               const char     *size_mode)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_string (self, &self->size_mode, size_mode ? size_mode : VARIETE_SIZE_MODE_ASPECT,
              PROP_SIZE_MODE);
}

const char *
variete_request_get_aspect_ratio (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->aspect_ratio;
}

/* Sets the aspect ratio by API value; %NULL selects the default. */
void
variete_request_set_aspect_ratio (VarieteRequest *self,
                                  const char     *aspect_ratio)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (aspect_ratio == NULL)
    aspect_ratio = variete_enum_get_default (VARIETE_ENUM_ASPECT_RATIO);

  set_string (self, &self->aspect_ratio, aspect_ratio, PROP_ASPECT_RATIO);
}

int
variete_request_get_width (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->width;
}

void
variete_request_set_width (VarieteRequest *self,
                           int             width)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->width, width, PROP_WIDTH);
}

int
variete_request_get_height (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->height;
}

void
variete_request_set_height (VarieteRequest *self,
                            int             height)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->height, height, PROP_HEIGHT);
}

gboolean
variete_request_get_nsfw (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), FALSE);

  return self->nsfw;
}

void
variete_request_set_nsfw (VarieteRequest *self,
                          gboolean        nsfw)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  nsfw = !!nsfw;
  if (self->nsfw == (guint) nsfw)
    return;

  self->nsfw = nsfw;
  variete_request_notify (self, PROP_NSFW);
}

gboolean
variete_request_get_transparent_background (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), FALSE);

  return self->transparent_background;
}

void
variete_request_set_transparent_background (VarieteRequest *self,
                                            gboolean        transparent_background)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  transparent_background = !!transparent_background;
  if (self->transparent_background == (guint) transparent_background)
    return;

  self->transparent_background = transparent_background;
  variete_request_notify (self, PROP_TRANSPARENT_BACKGROUND);
}

/* Returns: an API colour tone, or %VARIETE_COLOR_TONE_NONE */
const char *
variete_request_get_color_tone (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->color_tone;
}

/* Sets the colour tone by API value; %NULL or "" means %VARIETE_COLOR_TONE_NONE. */
void
variete_request_set_color_tone (VarieteRequest *self,
                                const char     *color_tone)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (color_tone == NULL || color_tone[0] == '\0')
    color_tone = VARIETE_COLOR_TONE_NONE;

  set_string (self, &self->color_tone, color_tone, PROP_COLOR_TONE);
}

/* Returns: the webhook as typed; empty when there is none */
const char *
variete_request_get_webhook (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->webhook;
}

void
variete_request_set_webhook (VarieteRequest *self,
                             const char     *webhook)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_string (self, &self->webhook, webhook ? webhook : "", PROP_WEBHOOK);
}
