/* test-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-enums.h"

/* The values API.md lists, in its order. */
static const char * const api_models[] = {
  "tengrai-20231128-m-d.safetensors", "tengrai-20240423-m-f.safetensors", NULL
};
static const char * const api_styles[] = {
  "default", "portraiture", "landscape", "photographer", "analog", "car", "food", "horror",
  "stained-glass", "impasto", "abstract-ink", "illustration", "aquarelle", "water-cute",
  "sphericute", "fairytale", "machinart", "isometric", "logo", "abstractpen", "lineart", "manga",
  "infiny-weave", "infiny-pattern", "infiny-flow", NULL
};
static const char * const api_processing_modes[] = {
  "sketch-to-image", "reimagine", "3d", "ai-rchitect", "human-pose", "retake", NULL
};
static const char * const api_prompt_modes[] = { "seer", "servitor", NULL };
static const char * const api_aspect_ratios[] = {
  "1:1", "7:9", "2:3", "4:7", "9:16", "9:21", "9:7", "3:2", "7:4", "16:9", "21:9", NULL
};
static const char * const api_color_tones[] = {
  "none", "cool", "warm", "blackAndWhite", "pastel", "vibrantColors", "sepia", "mutedColors",
  "neonColors", NULL
};

static const char * const *api_values[VARIETE_N_ENUMS] = {
  [VARIETE_ENUM_MODEL] = api_models,
  [VARIETE_ENUM_STYLE] = api_styles,
  [VARIETE_ENUM_PROCESSING_MODE] = api_processing_modes,
  [VARIETE_ENUM_PROMPT_MODE] = api_prompt_modes,
  [VARIETE_ENUM_ASPECT_RATIO] = api_aspect_ratios,
  [VARIETE_ENUM_COLOR_TONE] = api_color_tones,
};

static void
test_tables_match_api (void)
{
  for (guint kind = 0; kind < VARIETE_N_ENUMS; kind++)
    {
      const VarieteEnumValue *values;
      guint n_values = 0;

      values = variete_enum_get_values (kind, &n_values);
      g_assert_nonnull (values);
      g_assert_cmpuint (n_values, >, 0);
      g_assert_cmpuint (n_values, ==, g_strv_length ((char **)api_values[kind]));

      for (guint i = 0; i < n_values; i++)
        g_assert_cmpstr (values[i].value, ==, api_values[kind][i]);
    }
}

static void
test_values_unique_and_labelled (void)
{
  for (guint kind = 0; kind < VARIETE_N_ENUMS; kind++)
    {
      g_autoptr(GHashTable) seen_values = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) seen_labels = g_hash_table_new (g_str_hash, g_str_equal);
      const VarieteEnumValue *values;
      guint n_values;

      values = variete_enum_get_values (kind, &n_values);
      for (guint i = 0; i < n_values; i++)
        {
          g_assert_nonnull (values[i].value);
          g_assert_cmpstr (values[i].value, !=, "");
          g_assert_nonnull (values[i].label);
          g_assert_cmpstr (values[i].label, !=, "");
          g_assert_true (g_hash_table_add (seen_values, (gpointer)values[i].value));
          g_assert_true (g_hash_table_add (seen_labels, (gpointer)values[i].label));
          g_assert_cmpstr (variete_enum_value_get_label (&values[i]), ==, values[i].label);
        }
    }
}

static void
test_labels (void)
{
  g_auto(GStrv) labels = NULL;

  g_assert_cmpstr (variete_enum_lookup (VARIETE_ENUM_MODEL,
                                        "tengrai-20231128-m-d.safetensors")->label,
                   ==, "Model M-D (Nov 2023)");
  g_assert_cmpstr (variete_enum_lookup (VARIETE_ENUM_MODEL,
                                        "tengrai-20240423-m-f.safetensors")->label,
                   ==, "Model M-F (Apr 2024)");
  g_assert_cmpstr (variete_enum_lookup (VARIETE_ENUM_STYLE, "stained-glass")->label,
                   ==, "Stained Glass");
  g_assert_cmpstr (variete_enum_lookup (VARIETE_ENUM_STYLE, "abstract-ink")->label,
                   ==, "Abstract Ink");
  g_assert_cmpstr (variete_enum_lookup (VARIETE_ENUM_ASPECT_RATIO, "1:1")->label,
                   ==, "Square 1:1");
  g_assert_cmpstr (variete_enum_lookup (VARIETE_ENUM_ASPECT_RATIO, "2:3")->label,
                   ==, "Portrait 2:3");
  g_assert_cmpstr (variete_enum_lookup (VARIETE_ENUM_COLOR_TONE, "blackAndWhite")->label,
                   ==, "Black and White");
  g_assert_cmpstr (variete_enum_lookup (VARIETE_ENUM_PROCESSING_MODE, "sketch-to-image")->label,
                   ==, "Sketch to Image");

  labels = variete_enum_dup_labels (VARIETE_ENUM_COLOR_TONE);
  g_assert_cmpuint (g_strv_length (labels), ==, g_strv_length ((char **)api_color_tones));
  g_assert_cmpstr (labels[0], ==, "None");
  g_assert_cmpstr (labels[3], ==, "Black and White");
}

static void
test_defaults (void)
{
  g_assert_cmpstr (variete_enum_get_default (VARIETE_ENUM_MODEL), ==, api_models[0]);
  g_assert_cmpstr (variete_enum_get_default (VARIETE_ENUM_STYLE), ==, "default");
  g_assert_cmpstr (variete_enum_get_default (VARIETE_ENUM_PROCESSING_MODE), ==, "reimagine");
  g_assert_cmpstr (variete_enum_get_default (VARIETE_ENUM_PROMPT_MODE), ==, "servitor");
  g_assert_cmpstr (variete_enum_get_default (VARIETE_ENUM_ASPECT_RATIO), ==, "1:1");
  g_assert_cmpstr (variete_enum_get_default (VARIETE_ENUM_COLOR_TONE), ==, "none");
  g_assert_cmpstr (VARIETE_COLOR_TONE_NONE, ==, "none");

  for (guint kind = 0; kind < VARIETE_N_ENUMS; kind++)
    g_assert_nonnull (variete_enum_lookup (kind, variete_enum_get_default (kind)));
}

static void
test_descriptions (void)
{
  const VarieteEnumKind kinds[] = { VARIETE_ENUM_PROCESSING_MODE, VARIETE_ENUM_PROMPT_MODE };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const VarieteEnumValue *values;
      guint n_values;

      values = variete_enum_get_values (kinds[k], &n_values);
      for (guint i = 0; i < n_values; i++)
        {
          g_assert_nonnull (values[i].description);
          g_assert_cmpuint (strlen (values[i].description), >, 10);
          g_assert_cmpstr (variete_enum_value_get_description (&values[i]),
                           ==, values[i].description);
        }
    }

  g_assert_nonnull (strstr (variete_enum_lookup (VARIETE_ENUM_PROMPT_MODE, "seer")->description,
                            "AI"));
  g_assert_nonnull (strstr (variete_enum_lookup (VARIETE_ENUM_PROMPT_MODE,
                                                 "servitor")->description,
                            "as written"));
  g_assert_nonnull (strstr (variete_enum_lookup (VARIETE_ENUM_PROCESSING_MODE,
                                                 "human-pose")->description,
                            "pose"));
}

static void
test_denoising_flags (void)
{
  struct {
    const char *mode;
    gboolean    denoising;
  } expected[] = {
    { "sketch-to-image", FALSE },
    { "reimagine", TRUE },
    { "3d", FALSE },
    { "ai-rchitect", FALSE },
    { "human-pose", FALSE },
    { "retake", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const VarieteEnumValue *value;

      value = variete_enum_lookup (VARIETE_ENUM_PROCESSING_MODE, expected[i].mode);
      g_assert_nonnull (value);
      g_assert_cmpint (value->denoising, ==, expected[i].denoising);
      g_assert_cmpint (variete_processing_mode_uses_denoising (expected[i].mode),
                       ==, expected[i].denoising);
    }

  /* Unknown modes are assumed to use it: the API lists only the modes that ignore it. */
  g_assert_true (variete_processing_mode_uses_denoising ("something-new"));
}

static void
test_lookup_and_index (void)
{
  g_assert_cmpint (variete_enum_index_of (VARIETE_ENUM_STYLE, "default"), ==, 0);
  g_assert_cmpint (variete_enum_index_of (VARIETE_ENUM_STYLE, "infiny-flow"), ==, 24);
  g_assert_cmpint (variete_enum_index_of (VARIETE_ENUM_ASPECT_RATIO, "21:9"), ==, 10);
  g_assert_cmpint (variete_enum_index_of (VARIETE_ENUM_COLOR_TONE, "none"), ==, 0);
  g_assert_cmpint (variete_enum_index_of (VARIETE_ENUM_STYLE, "Default"), ==, -1);
  g_assert_cmpint (variete_enum_index_of (VARIETE_ENUM_STYLE, ""), ==, -1);
  g_assert_cmpint (variete_enum_index_of (VARIETE_ENUM_STYLE, NULL), ==, -1);
  g_assert_cmpint (variete_enum_index_of (VARIETE_ENUM_MODEL, "reimagine"), ==, -1);

  g_assert_null (variete_enum_lookup (VARIETE_ENUM_PROMPT_MODE, "oracle"));
  g_assert_null (variete_enum_lookup (VARIETE_ENUM_COLOR_TONE, NULL));
  g_assert_cmpstr (variete_enum_lookup (VARIETE_ENUM_PROMPT_MODE, "seer")->value, ==, "seer");

  for (guint kind = 0; kind < VARIETE_N_ENUMS; kind++)
    {
      const VarieteEnumValue *values;
      guint n_values;

      values = variete_enum_get_values (kind, &n_values);
      for (guint i = 0; i < n_values; i++)
        {
          g_assert_cmpint (variete_enum_index_of (kind, values[i].value), ==, (int)i);
          g_assert_true (variete_enum_lookup (kind, values[i].value) == &values[i]);
        }
    }
}

static void
test_names (void)
{
  g_assert_cmpstr (variete_enum_get_name (VARIETE_ENUM_MODEL), ==, "model");
  g_assert_cmpstr (variete_enum_get_name (VARIETE_ENUM_STYLE), ==, "style");
  g_assert_cmpstr (variete_enum_get_name (VARIETE_ENUM_PROCESSING_MODE), ==, "processingMode");
  g_assert_cmpstr (variete_enum_get_name (VARIETE_ENUM_PROMPT_MODE), ==, "promptMode");
  g_assert_cmpstr (variete_enum_get_name (VARIETE_ENUM_ASPECT_RATIO), ==, "aspectRatio");
  g_assert_cmpstr (variete_enum_get_name (VARIETE_ENUM_COLOR_TONE), ==, "colorTone");

  for (guint kind = 0; kind < VARIETE_N_ENUMS; kind++)
    {
      g_assert_nonnull (variete_enum_get_title (kind));
      g_assert_cmpstr (variete_enum_get_title (kind), !=, "");
    }
}

static void
test_limits (void)
{
  g_assert_cmpint (VARIETE_MIN_STRENGTH, ==, 1);
  g_assert_cmpint (VARIETE_MAX_STRENGTH, ==, 5);
  g_assert_cmpint (VARIETE_DEFAULT_STRENGTH, ==, 3);
  g_assert_cmpint (VARIETE_MIN_BATCH, ==, 1);
  g_assert_cmpint (VARIETE_MAX_BATCH, ==, 2);
  g_assert_cmpint (VARIETE_DEFAULT_BATCH, ==, 2);
  g_assert_cmpint (VARIETE_MIN_SIDE, ==, 512);
  g_assert_cmpint (VARIETE_MAX_SIDE, ==, 2048);
  g_assert_cmpint (VARIETE_MAX_AREA, ==, 1216 * 1216);
  g_assert_cmpint (VARIETE_MAX_PROMPT_WORDS, ==, 256);
  g_assert_cmpint (VARIETE_MAX_NEGATIVE_PROMPT_WORDS, ==, 64);
  g_assert_cmpstr (VARIETE_DEFAULT_PROMPT, ==, "cat");
}

static void
test_format_grouped (void)
{
  struct {
    gint64      number;
    const char *text;
  } cases[] = {
    { 0, "0" },
    { 7, "7" },
    { 999, "999" },
    { 1000, "1,000" },
    { 2048, "2,048" },
    { 100000, "100,000" },
    { 1478656, "1,478,656" },
    { 1680000, "1,680,000" },
    { -1234567, "-1,234,567" },
    { G_MAXINT64, "9,223,372,036,854,775,807" },
    { G_MININT64, "-9,223,372,036,854,775,808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = variete_format_grouped (cases[i].number);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/enums/tables-match-api", test_tables_match_api);
  g_test_add_func ("/enums/values-unique-and-labelled", test_values_unique_and_labelled);
  g_test_add_func ("/enums/labels", test_labels);
  g_test_add_func ("/enums/defaults", test_defaults);
  g_test_add_func ("/enums/descriptions", test_descriptions);
  g_test_add_func ("/enums/denoising-flags", test_denoising_flags);
  g_test_add_func ("/enums/lookup-and-index", test_lookup_and_index);
  g_test_add_func ("/enums/names", test_names);
  g_test_add_func ("/enums/limits", test_limits);
  g_test_add_func ("/enums/format-grouped", test_format_grouped);

  return g_test_run ();
}
