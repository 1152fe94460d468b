/* variete-request-private.h
 *
 * The parts of VarieteRequest that are split across files: the object, its properties and
 * copy/equal/reset live in variete-request.c, the getters and setters in
 * variete-request-accessors.c, validation and word counting in variete-request-validate.c, and
 * the JSON of the create request in variete-request-json.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "variete-request.h"

G_BEGIN_DECLS

struct _VarieteRequest
{
  GObject  parent_instance;

  char    *source_url;
  char    *model;
  char    *prompt;
  char    *negative_prompt;
  char    *style;
  char    *processing_mode;
  char    *prompt_mode;
  char    *size_mode;
  char    *aspect_ratio;
  char    *color_tone;
  char    *webhook;

  int      batch;
  int      creativity;
  int      details;
  int      denoising;
  int      width;
  int      height;

  guint    nsfw : 1;
  guint    transparent_background : 1;
};

typedef enum
{
  PROP_0,
  PROP_SOURCE_URL,
  PROP_MODEL,
  PROP_BATCH,
  PROP_PROMPT,
  PROP_NEGATIVE_PROMPT,
  PROP_STYLE,
  PROP_PROCESSING_MODE,
  PROP_PROMPT_MODE,
  PROP_CREATIVITY,
  PROP_DETAILS,
  PROP_DENOISING,
  PROP_SIZE_MODE,
  PROP_ASPECT_RATIO,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_NSFW,
  PROP_TRANSPARENT_BACKGROUND,
  PROP_COLOR_TONE,
  PROP_WEBHOOK,
  PROP_USES_DENOISING,
  N_PROPS
} VarieteRequestProp;

/* variete-request.c */
void variete_request_notify (VarieteRequest     *self,
                             VarieteRequestProp  prop);

G_END_DECLS
