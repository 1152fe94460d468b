/* variete-enums.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The limits of the Selena Variete API (API.md, Create). */
#define VARIETE_MIN_STRENGTH 1
#define VARIETE_MAX_STRENGTH 5
#define VARIETE_DEFAULT_STRENGTH 3
#define VARIETE_MIN_BATCH 1
#define VARIETE_MAX_BATCH 2
#define VARIETE_DEFAULT_BATCH 2
#define VARIETE_MIN_SIDE 512
#define VARIETE_MAX_SIDE 2048
#define VARIETE_DEFAULT_SIDE 1024
#define VARIETE_MAX_AREA 1478656   /* 1216 × 1216 */
#define VARIETE_MAX_PROMPT_WORDS 256
#define VARIETE_MAX_NEGATIVE_PROMPT_WORDS 64
#define VARIETE_DEFAULT_PROMPT "cat"

/* The two values of the "size-mode" setting: send aspectRatio, or width and height. */
#define VARIETE_SIZE_MODE_ASPECT "aspect"
#define VARIETE_SIZE_MODE_CUSTOM "custom"

/* The first entry of the colour tone table: no tone, colorTone is not sent. */
#define VARIETE_COLOR_TONE_NONE "none"

typedef enum
{
  VARIETE_ENUM_MODEL,
  VARIETE_ENUM_STYLE,
  VARIETE_ENUM_PROCESSING_MODE,
  VARIETE_ENUM_PROMPT_MODE,
  VARIETE_ENUM_ASPECT_RATIO,
  VARIETE_ENUM_COLOR_TONE,
  VARIETE_N_ENUMS
} VarieteEnumKind;

typedef struct
{
  const char *value;        /* the API value; the colour tone table starts with "none" (not sent) */
  const char *label;        /* N_() human label: translate with variete_enum_value_get_label () */
  const char *description;  /* N_() one-line help for choosing, or NULL */
  gboolean    denoising;    /* processing modes: whether the API uses denoising */
} VarieteEnumValue;

const VarieteEnumValue *variete_enum_get_values                (VarieteEnumKind         kind,
                                                                guint                  *n_values);
const VarieteEnumValue *variete_enum_lookup                    (VarieteEnumKind         kind,
                                                                const char             *value);
int                     variete_enum_index_of                  (VarieteEnumKind         kind,
                                                                const char             *value);
const char             *variete_enum_get_default               (VarieteEnumKind         kind);
const char             *variete_enum_get_name                  (VarieteEnumKind         kind);
const char             *variete_enum_get_title                 (VarieteEnumKind         kind);
const char             *variete_enum_value_get_label           (const VarieteEnumValue *value);
const char             *variete_enum_value_get_description     (const VarieteEnumValue *value);
char                  **variete_enum_dup_labels                (VarieteEnumKind         kind);
gboolean                variete_processing_mode_uses_denoising (const char             *mode);
char                   *variete_format_grouped                 (gint64                  number);

G_END_DECLS
