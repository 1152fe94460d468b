/* variete-enums.c
 *
 * The one table of every enum the Selena Variete API knows (API.md, Create). The dropdowns, the
 * validation, the JSON and the settings all read these tables, so a new style or mode is added
 * here and nowhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-core"

#include <glib/gi18n-lib.h>

#include "variete-enums.h"

static const VarieteEnumValue models[] = {
  /* Translators: the service's image models, with the month each came out */
  { "tengrai-20231128-m-d.safetensors", N_("Model M-D (Nov 2023)"), NULL, FALSE },
  { "tengrai-20240423-m-f.safetensors", N_("Model M-F (Apr 2024)"), NULL, FALSE },
};

static const VarieteEnumValue styles[] = {
  /* Translators: a style of the service; "Default" adds no particular style */
  { "default", N_("Default"), NULL, FALSE },
  /* Translators: a style for portraits of people */
  { "portraiture", N_("Portraiture"), NULL, FALSE },
  /* Translators: a style for pictures of scenery (not the page orientation) */
  { "landscape", N_("Landscape"), NULL, FALSE },
  /* Translators: a style that looks like a professional photograph */
  { "photographer", N_("Photographer"), NULL, FALSE },
  { "analog", N_("Analog Film"), NULL, FALSE },
  /* Translators: a style for pictures of cars */
  { "car", N_("Car"), NULL, FALSE },
  /* Translators: a style for pictures of food */
  { "food", N_("Food"), NULL, FALSE },
  { "horror", N_("Horror"), NULL, FALSE },
  { "stained-glass", N_("Stained Glass"), NULL, FALSE },
  { "impasto", N_("Impasto"), NULL, FALSE },
  { "abstract-ink", N_("Abstract Ink"), NULL, FALSE },
  { "illustration", N_("Illustration"), NULL, FALSE },
  { "aquarelle", N_("Aquarelle"), NULL, FALSE },
  /* Translators: a style of the service: cute watercolour drawings */
  { "water-cute", N_("Water Cute"), NULL, FALSE },
  /* Translators: a style of the service (cute, rounded figures); its name may stay as it is */
  { "sphericute", N_("Sphericute"), NULL, FALSE },
  { "fairytale", N_("Fairy Tale"), NULL, FALSE },
  /* Translators: a style of the service (machines as art); its name may stay as it is */
  { "machinart", N_("Machinart"), NULL, FALSE },
  { "isometric", N_("Isometric"), NULL, FALSE },
  { "logo", N_("Logo"), NULL, FALSE },
  { "abstractpen", N_("Abstract Pen"), NULL, FALSE },
  { "lineart", N_("Line Art"), NULL, FALSE },
  { "manga", N_("Manga"), NULL, FALSE },
  /* Translators: "Infiny" is the service's name for its endless pattern styles; keep it */
  { "infiny-weave", N_("Infiny Weave"), NULL, FALSE },
  { "infiny-pattern", N_("Infiny Pattern"), NULL, FALSE },
  { "infiny-flow", N_("Infiny Flow"), NULL, FALSE },
};

/* Denoising is ignored by the API for the modes that always generate from scratch. */
static const VarieteEnumValue processing_modes[] = {
  { "sketch-to-image", N_("Sketch to Image"),
    N_("Turns a line drawing or sketch into a finished picture"), FALSE },
  { "reimagine", N_("Reimagine"),
    N_("Paints the source anew, keeping its subject and composition"), TRUE },
  { "3d", N_("3D"),
    N_("Renders the subject of the source as a three-dimensional scene"), FALSE },
  /* Translators: the service's architecture mode, a pun on "AI" and "architect"; keep the pun if
   * your language allows, else say "Architecture" */
  { "ai-rchitect", N_("AI-rchitect"),
    N_("Draws architecture from a floor plan, a sketch or a photo of a building"), FALSE },
  { "human-pose", N_("Human Pose"),
    N_("Keeps the pose of the people in the source and paints new figures"), FALSE },
  /* Translators: a mode that makes a close variation of the source, as a photographer retakes a
   * shot */
  { "retake", N_("Retake"),
    N_("Makes a close variation of the source, changing only details"), TRUE },
};

static const VarieteEnumValue prompt_modes[] = {
  /* Translators: the service's prompt modes. Seer (one who sees more) improves the prompt;
   * Servitor (a servant) follows it as written */
  { "seer", N_("Seer"), N_("Improves your prompt with AI before painting"), FALSE },
  { "servitor", N_("Servitor"), N_("Uses your prompt as written"), FALSE },
};

static const VarieteEnumValue aspect_ratios[] = {
  { "1:1", N_("Square 1:1"), NULL, FALSE },
  /* Translators: taller than wide, as the page orientation */
  { "7:9", N_("Portrait 7:9"), NULL, FALSE },
  { "2:3", N_("Portrait 2:3"), NULL, FALSE },
  { "4:7", N_("Portrait 4:7"), NULL, FALSE },
  { "9:16", N_("Portrait 9:16"), NULL, FALSE },
  { "9:21", N_("Portrait 9:21"), NULL, FALSE },
  /* Translators: wider than tall, as the page orientation */
  { "9:7", N_("Landscape 9:7"), NULL, FALSE },
  { "3:2", N_("Landscape 3:2"), NULL, FALSE },
  { "7:4", N_("Landscape 7:4"), NULL, FALSE },
  { "16:9", N_("Widescreen 16:9"), NULL, FALSE },
  { "21:9", N_("Ultrawide 21:9"), NULL, FALSE },
};

static const VarieteEnumValue color_tones[] = {
  /* Translators: no colour tone is applied */
  { VARIETE_COLOR_TONE_NONE, N_("None"), NULL, FALSE },
  /* Translators: colour tones of the service, "Cool" as in bluish */
  { "cool", N_("Cool"), NULL, FALSE },
  { "warm", N_("Warm"), NULL, FALSE },
  { "blackAndWhite", N_("Black and White"), NULL, FALSE },
  { "pastel", N_("Pastel"), NULL, FALSE },
  { "vibrantColors", N_("Vibrant Colors"), NULL, FALSE },
  { "sepia", N_("Sepia"), NULL, FALSE },
  { "mutedColors", N_("Muted Colors"), NULL, FALSE },
  { "neonColors", N_("Neon Colors"), NULL, FALSE },
};

typedef struct
{
  const VarieteEnumValue *values;
  guint                   n_values;
  const char             *default_value;
  const char             *name;   /* the API field */
  const char             *title;  /* untranslated name of the field for people */
} EnumTable;

static const EnumTable tables[VARIETE_N_ENUMS] = {
  [VARIETE_ENUM_MODEL] = {
    models, G_N_ELEMENTS (models), "tengrai-20231128-m-d.safetensors", "model", N_("Model") },
  [VARIETE_ENUM_STYLE] = {
    styles, G_N_ELEMENTS (styles), "default", "style", N_("Style") },
  [VARIETE_ENUM_PROCESSING_MODE] = {
    processing_modes, G_N_ELEMENTS (processing_modes), "reimagine", "processingMode",
    N_("Processing mode") },
  [VARIETE_ENUM_PROMPT_MODE] = {
    prompt_modes, G_N_ELEMENTS (prompt_modes), "servitor", "promptMode", N_("Prompt mode") },
  [VARIETE_ENUM_ASPECT_RATIO] = {
    aspect_ratios, G_N_ELEMENTS (aspect_ratios), "1:1", "aspectRatio", N_("Aspect ratio") },
  [VARIETE_ENUM_COLOR_TONE] = {
    color_tones, G_N_ELEMENTS (color_tones), VARIETE_COLOR_TONE_NONE, "colorTone",
    N_("Color tone") },
};

/**
 * variete_enum_get_values:
 * @kind: which API enum
 * @n_values: (out) (optional): the number of values
 *
 * Returns: (array length=n_values) (transfer none): the values of @kind, in the order the
 *   dropdowns show them
 */
const VarieteEnumValue *
variete_enum_get_values (VarieteEnumKind  kind,
                         guint           *n_values)
{
  g_return_val_if_fail (kind < VARIETE_N_ENUMS, NULL);

  if (n_values != NULL)
    *n_values = tables[kind].n_values;

  return tables[kind].values;
}

/**
 * variete_enum_index_of:
 * @kind: which API enum
 * @value: (nullable): an API value
 *
 * Returns: the position of @value in the table of @kind, or -1 if it is not an API value
 */
int
variete_enum_index_of (VarieteEnumKind  kind,
                       const char      *value)
{
  g_return_val_if_fail (kind < VARIETE_N_ENUMS, -1);

  if (value == NULL)
    return -1;

  for (guint i = 0; i < tables[kind].n_values; i++)
    {
      if (g_str_equal (tables[kind].values[i].value, value))
        return (int) i;
    }

  return -1;
}

/**
 * variete_enum_lookup:
 * @kind: which API enum
 * @value: (nullable): an API value
 *
 * Returns: (nullable) (transfer none): the entry for @value, or %NULL if it is not an API value
 */
const VarieteEnumValue *
variete_enum_lookup (VarieteEnumKind  kind,
                     const char      *value)
{
  int index = variete_enum_index_of (kind, value);

  if (index < 0)
    return NULL;

  return &tables[kind].values[index];
}

/* Returns the value a new request starts with. */
const char *
variete_enum_get_default (VarieteEnumKind kind)
{
  g_return_val_if_fail (kind < VARIETE_N_ENUMS, NULL);

  return tables[kind].default_value;
}

/* Returns the camelCase name of the API field, e.g. "processingMode". */
const char *
variete_enum_get_name (VarieteEnumKind kind)
{
  g_return_val_if_fail (kind < VARIETE_N_ENUMS, NULL);

  return tables[kind].name;
}

/* Returns the translated name of the field for people, e.g. "Processing mode". */
const char *
variete_enum_get_title (VarieteEnumKind kind)
{
  g_return_val_if_fail (kind < VARIETE_N_ENUMS, NULL);

  return _(tables[kind].title);
}

/* Returns the translated label of @value. */
const char *
variete_enum_value_get_label (const VarieteEnumValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  return _(value->label);
}

/* Returns the translated description of @value, or %NULL if it has none. */
const char *
variete_enum_value_get_description (const VarieteEnumValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  if (value->description == NULL)
    return NULL;

  return _(value->description);
}

/**
 * variete_enum_dup_labels:
 * @kind: which API enum
 *
 * Returns: (transfer full): the translated labels of @kind in table order, ready for a
 *   #GtkStringList; free with g_strfreev()
 */
char **
variete_enum_dup_labels (VarieteEnumKind kind)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (kind < VARIETE_N_ENUMS, NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < tables[kind].n_values; i++)
    g_strv_builder_add (builder, _(tables[kind].values[i].label));

  return g_strv_builder_end (builder);
}

/* Returns whether the API uses the denoising strength for @mode. An unknown mode is treated as
 * one that does: the API documents the modes that ignore it, not the ones that use it. */
gboolean
variete_processing_mode_uses_denoising (const char *mode)
{
  const VarieteEnumValue *value = variete_enum_lookup (VARIETE_ENUM_PROCESSING_MODE, mode);

  if (value == NULL)
    return TRUE;

  return value->denoising;
}

/* Formats @number with its digits grouped by three with commas ("1,478,656"), whatever the
 * locale, so that messages quote the limits exactly as API.md does. */
char *
variete_format_grouped (gint64 number)
{
  g_autofree char *digits = NULL;
  GString *str;
  guint64 magnitude;
  gsize len;

  magnitude = number < 0 ? (guint64) 0 - (guint64) number : (guint64) number;
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  len = strlen (digits);

  str = g_string_sized_new (len + len / 3 + 2);
  if (number < 0)
    g_string_append_c (str, '-');

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, digits[i]);
    }

  return g_string_free (str, FALSE);
}
