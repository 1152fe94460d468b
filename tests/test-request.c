/* test-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-request.h"

#define SOURCE "https://images.example.com/source.png"

/* Helpers */

static VarieteRequest *
new_request_with_source (void)
{
  VarieteRequest *request = variete_request_new ();

  variete_request_set_source_url (request, SOURCE);

  return request;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* Asserts that @object has exactly the members in @names (NULL-terminated), in any order. */
static void
assert_members (JsonObject *object,
                ...)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) actual = g_ptr_array_new ();
  g_autoptr(GList) members = json_object_get_members (object);
  const char *name;
  va_list args;

  va_start (args, object);
  while ((name = va_arg (args, const char *)))
    g_ptr_array_add (expected, (gpointer)name);
  va_end (args);

  for (const GList *l = members; l; l = l->next)
    g_ptr_array_add (actual, l->data);

  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_sort (actual, compare_strings);

  for (guint i = 0; i < MIN (expected->len, actual->len); i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, g_ptr_array_index (expected, i));
  g_assert_cmpuint (actual->len, ==, expected->len);
}

static void
assert_string_member (JsonObject *object,
                      const char *name,
                      const char *value)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (node), ==, value);
}

static void
assert_int_member (JsonObject *object,
                   const char *name,
                   gint64      value)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, value);
}

static void
assert_boolean_member (JsonObject *object,
                       const char *name,
                       gboolean    value)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_BOOLEAN);
  g_assert_cmpint (json_node_get_boolean (node), ==, value);
}

static void
assert_error (GError     *error,
              int         code,
              const char *fragment)
{
  g_assert_error (error, VARIETE_REQUEST_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” is not in the message “%s”", fragment, error->message);
}

/* Builds "w1<sep>w2<sep>…wN". */
static char *
make_words (guint       n_words,
            const char *separator)
{
  GString *str = g_string_new (NULL);

  for (guint i = 1; i <= n_words; i++)
    {
      if (i > 1)
        g_string_append (str, separator);
      g_string_append_printf (str, "w%u", i);
    }

  return g_string_free (str, FALSE);
}

/* Properties: names, types, ranges, defaults */

static void
test_property_specs (void)
{
  struct {
    const char *name;
    GType       type;
  } keys[] = {
    { "source-url", G_TYPE_STRING },
    { "model", G_TYPE_STRING },
    { "batch", G_TYPE_INT },
    { "prompt", G_TYPE_STRING },
    { "negative-prompt", G_TYPE_STRING },
    { "style", G_TYPE_STRING },
    { "processing-mode", G_TYPE_STRING },
    { "prompt-mode", G_TYPE_STRING },
    { "creativity", G_TYPE_INT },
    { "details", G_TYPE_INT },
    { "denoising", G_TYPE_INT },
    { "size-mode", G_TYPE_STRING },
    { "aspect-ratio", G_TYPE_STRING },
    { "width", G_TYPE_INT },
    { "height", G_TYPE_INT },
    { "nsfw", G_TYPE_BOOLEAN },
    { "transparent-background", G_TYPE_BOOLEAN },
    { "color-tone", G_TYPE_STRING },
    { "webhook", G_TYPE_STRING },
  };
  struct {
    const char *name;
    int         minimum;
    int         maximum;
    int         default_value;
  } ranges[] = {
    { "batch", 1, 2, 2 },
    { "creativity", 1, 5, 3 },
    { "details", 1, 5, 3 },
    { "denoising", 1, 5, 3 },
    { "width", 512, 2048, 1024 },
    { "height", 512, 2048, 1024 },
  };
  g_autoptr(GTypeClass) klass = g_type_class_ref (VARIETE_TYPE_REQUEST);
  GParamSpec *pspec;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), keys[i].name);
      g_assert_nonnull (pspec);
      g_assert_cmpint (pspec->value_type, ==, keys[i].type);
      g_assert_true (pspec->flags & G_PARAM_READWRITE);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
    }

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      GParamSpecInt *ispec;

      pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), ranges[i].name);
      ispec = G_PARAM_SPEC_INT (pspec);
      g_assert_cmpint (ispec->minimum, ==, ranges[i].minimum);
      g_assert_cmpint (ispec->maximum, ==, ranges[i].maximum);
      g_assert_cmpint (ispec->default_value, ==, ranges[i].default_value);
    }

  pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), "uses-denoising");
  g_assert_nonnull (pspec);
  g_assert_cmpint (pspec->value_type, ==, G_TYPE_BOOLEAN);
  g_assert_true (pspec->flags & G_PARAM_READABLE);
  g_assert_false (pspec->flags & G_PARAM_WRITABLE);
}

static void
test_defaults (void)
{
  VarieteRequest *request = variete_request_new ();
  g_autofree char *source_url = NULL;
  g_autofree char *model = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *negative_prompt = NULL;
  g_autofree char *style = NULL;
  g_autofree char *processing_mode = NULL;
  g_autofree char *prompt_mode = NULL;
  g_autofree char *size_mode = NULL;
  g_autofree char *aspect_ratio = NULL;
  g_autofree char *color_tone = NULL;
  g_autofree char *webhook = NULL;
  int batch, creativity, details, denoising, width, height;
  gboolean nsfw, transparent_background, uses_denoising;

  g_object_get (request,
                "source-url", &source_url,
                "model", &model,
                "batch", &batch,
                "prompt", &prompt,
                "negative-prompt", &negative_prompt,
                "style", &style,
                "processing-mode", &processing_mode,
                "prompt-mode", &prompt_mode,
                "creativity", &creativity,
                "details", &details,
                "denoising", &denoising,
                "size-mode", &size_mode,
                "aspect-ratio", &aspect_ratio,
                "width", &width,
                "height", &height,
                "nsfw", &nsfw,
                "transparent-background", &transparent_background,
                "color-tone", &color_tone,
                "webhook", &webhook,
                "uses-denoising", &uses_denoising,
                NULL);

  g_assert_null (source_url);
  g_assert_cmpstr (model, ==, "tengrai-20231128-m-d.safetensors");
  g_assert_cmpint (batch, ==, 2);
  g_assert_cmpstr (prompt, ==, "cat");
  g_assert_cmpstr (negative_prompt, ==, "");
  g_assert_cmpstr (style, ==, "default");
  g_assert_cmpstr (processing_mode, ==, "reimagine");
  g_assert_cmpstr (prompt_mode, ==, "servitor");
  g_assert_cmpint (creativity, ==, 3);
  g_assert_cmpint (details, ==, 3);
  g_assert_cmpint (denoising, ==, 3);
  g_assert_cmpstr (size_mode, ==, "aspect");
  g_assert_cmpstr (aspect_ratio, ==, "1:1");
  g_assert_cmpint (width, ==, 1024);
  g_assert_cmpint (height, ==, 1024);
  g_assert_false (nsfw);
  g_assert_false (transparent_background);
  g_assert_cmpstr (color_tone, ==, "none");
  g_assert_cmpstr (webhook, ==, "");
  g_assert_true (uses_denoising);

  /* The defaults, apart from the missing source, are a valid request. */
  g_assert_true (variete_request_validate_fields (request, NULL));

  g_assert_finalize_object (request);
}

static void
test_getters_and_setters (void)
{
  VarieteRequest *request = variete_request_new ();

  variete_request_set_source_url (request, SOURCE);
  variete_request_set_model (request, "tengrai-20240423-m-f.safetensors");
  variete_request_set_batch (request, 1);
  variete_request_set_prompt (request, "a lighthouse");
  variete_request_set_negative_prompt (request, "fog");
  variete_request_set_style (request, "aquarelle");
  variete_request_set_processing_mode (request, "retake");
  variete_request_set_prompt_mode (request, "seer");
  variete_request_set_creativity (request, 1);
  variete_request_set_details (request, 5);
  variete_request_set_denoising (request, 4);
  variete_request_set_size_mode (request, "custom");
  variete_request_set_aspect_ratio (request, "16:9");
  variete_request_set_width (request, 1216);
  variete_request_set_height (request, 832);
  variete_request_set_nsfw (request, TRUE);
  variete_request_set_transparent_background (request, TRUE);
  variete_request_set_color_tone (request, "sepia");
  variete_request_set_webhook (request, "https://hooks.example.com/x");

  g_assert_cmpstr (variete_request_get_source_url (request), ==, SOURCE);
  g_assert_cmpstr (variete_request_get_model (request), ==, "tengrai-20240423-m-f.safetensors");
  g_assert_cmpint (variete_request_get_batch (request), ==, 1);
  g_assert_cmpstr (variete_request_get_prompt (request), ==, "a lighthouse");
  g_assert_cmpstr (variete_request_get_negative_prompt (request), ==, "fog");
  g_assert_cmpstr (variete_request_get_style (request), ==, "aquarelle");
  g_assert_cmpstr (variete_request_get_processing_mode (request), ==, "retake");
  g_assert_cmpstr (variete_request_get_prompt_mode (request), ==, "seer");
  g_assert_cmpint (variete_request_get_creativity (request), ==, 1);
  g_assert_cmpint (variete_request_get_details (request), ==, 5);
  g_assert_cmpint (variete_request_get_denoising (request), ==, 4);
  g_assert_cmpstr (variete_request_get_size_mode (request), ==, "custom");
  g_assert_cmpstr (variete_request_get_aspect_ratio (request), ==, "16:9");
  g_assert_cmpint (variete_request_get_width (request), ==, 1216);
  g_assert_cmpint (variete_request_get_height (request), ==, 832);
  g_assert_true (variete_request_get_nsfw (request));
  g_assert_true (variete_request_get_transparent_background (request));
  g_assert_cmpstr (variete_request_get_color_tone (request), ==, "sepia");
  g_assert_cmpstr (variete_request_get_webhook (request), ==, "https://hooks.example.com/x");
  g_assert_true (variete_request_validate (request, NULL));

  /* NULL means the default for enum values and empty for text; "" means no source. */
  variete_request_set_style (request, NULL);
  g_assert_cmpstr (variete_request_get_style (request), ==, "default");
  variete_request_set_color_tone (request, NULL);
  g_assert_cmpstr (variete_request_get_color_tone (request), ==, "none");
  variete_request_set_prompt (request, NULL);
  g_assert_cmpstr (variete_request_get_prompt (request), ==, "");
  variete_request_set_source_url (request, "");
  g_assert_null (variete_request_get_source_url (request));

  /* String setters take anything; validation reports it. */
  variete_request_set_style (request, "not-a-style");
  g_assert_cmpstr (variete_request_get_style (request), ==, "not-a-style");

  g_assert_finalize_object (request);
}

static void
test_gobject_refuses_out_of_range (void)
{
  VarieteRequest *request = variete_request_new ();

  g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_WARNING, "*creativity*");
  g_object_set (request, "creativity", 9, NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpint (variete_request_get_creativity (request), ==, 3);

  g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_WARNING, "*width*");
  g_object_set (request, "width", 100, NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpint (variete_request_get_width (request), ==, 1024);

  g_object_set (request, "batch", 1, "denoising", 5, "height", 2048, NULL);
  g_assert_cmpint (variete_request_get_batch (request), ==, 1);
  g_assert_cmpint (variete_request_get_denoising (request), ==, 5);
  g_assert_cmpint (variete_request_get_height (request), ==, 2048);

  g_assert_finalize_object (request);
}

/* Notification */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 GHashTable *counts)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer)pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
count_of (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_notify_only_on_change (void)
{
  VarieteRequest *request = variete_request_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (request, "notify", G_CALLBACK (count_notify_cb), counts);

  /* Setting the current value notifies nothing. */
  variete_request_set_model (request, "tengrai-20231128-m-d.safetensors");
  variete_request_set_batch (request, 2);
  variete_request_set_prompt (request, "cat");
  variete_request_set_negative_prompt (request, "");
  variete_request_set_style (request, "default");
  variete_request_set_processing_mode (request, "reimagine");
  variete_request_set_prompt_mode (request, "servitor");
  variete_request_set_creativity (request, 3);
  variete_request_set_details (request, 3);
  variete_request_set_denoising (request, 3);
  variete_request_set_size_mode (request, "aspect");
  variete_request_set_aspect_ratio (request, "1:1");
  variete_request_set_width (request, 1024);
  variete_request_set_height (request, 1024);
  variete_request_set_nsfw (request, FALSE);
  variete_request_set_transparent_background (request, FALSE);
  variete_request_set_color_tone (request, "none");
  variete_request_set_webhook (request, "");
  variete_request_set_source_url (request, NULL);
  g_object_set (request, "prompt", "cat", "batch", 2, "nsfw", FALSE, NULL);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);

  /* A change notifies once, the same value again does not. */
  variete_request_set_prompt (request, "dog");
  variete_request_set_prompt (request, "dog");
  g_object_set (request, "prompt", "dog", NULL);
  g_assert_cmpuint (count_of (counts, "prompt"), ==, 1);

  variete_request_set_nsfw (request, TRUE);
  variete_request_set_nsfw (request, 2);
  g_assert_cmpuint (count_of (counts, "nsfw"), ==, 1);
  g_assert_true (variete_request_get_nsfw (request));

  g_object_set (request, "width", 800, NULL);
  g_object_set (request, "width", 800, NULL);
  g_assert_cmpuint (count_of (counts, "width"), ==, 1);

  variete_request_set_source_url (request, SOURCE);
  variete_request_set_source_url (request, SOURCE);
  g_assert_cmpuint (count_of (counts, "source-url"), ==, 1);

  /* uses-denoising follows the processing mode, and notifies when its value flips. */
  variete_request_set_processing_mode (request, "retake");
  g_assert_cmpuint (count_of (counts, "processing-mode"), ==, 1);
  g_assert_cmpuint (count_of (counts, "uses-denoising"), ==, 0);
  g_assert_true (variete_request_get_uses_denoising (request));

  variete_request_set_processing_mode (request, "sketch-to-image");
  g_assert_cmpuint (count_of (counts, "uses-denoising"), ==, 1);
  g_assert_false (variete_request_get_uses_denoising (request));

  variete_request_set_processing_mode (request, "human-pose");
  g_assert_cmpuint (count_of (counts, "uses-denoising"), ==, 1);

  variete_request_set_processing_mode (request, "reimagine");
  g_assert_cmpuint (count_of (counts, "uses-denoising"), ==, 2);
  g_assert_true (variete_request_get_uses_denoising (request));
  g_assert_cmpuint (count_of (counts, "processing-mode"), ==, 4);

  g_assert_finalize_object (request);
}

/* Sending rules */

static void
test_json_defaults (void)
{
  VarieteRequest *request = new_request_with_source ();
  g_autoptr(JsonNode) node = variete_request_to_json (request);
  JsonObject *object;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);

  /* Every form field is sent with its default, except the ones that are omitted when unset. */
  assert_members (object,
                  "imageUrl", "model", "batch", "prompt", "style", "processingMode",
                  "promptMode", "creativity", "details", "denoising", "aspectRatio", "nsfw",
                  "transparentBackground", NULL);
  assert_string_member (object, "imageUrl", SOURCE);
  assert_string_member (object, "model", "tengrai-20231128-m-d.safetensors");
  assert_int_member (object, "batch", 2);
  assert_string_member (object, "prompt", "cat");
  assert_string_member (object, "style", "default");
  assert_string_member (object, "processingMode", "reimagine");
  assert_string_member (object, "promptMode", "servitor");
  assert_int_member (object, "creativity", 3);
  assert_int_member (object, "details", 3);
  assert_int_member (object, "denoising", 3);
  assert_string_member (object, "aspectRatio", "1:1");
  assert_boolean_member (object, "nsfw", FALSE);
  assert_boolean_member (object, "transparentBackground", FALSE);

  g_assert_finalize_object (request);
}

static void
test_json_every_field (void)
{
  VarieteRequest *request = new_request_with_source ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  g_object_set (request,
                "model", "tengrai-20240423-m-f.safetensors",
                "batch", 1,
                "prompt", "a lighthouse at dusk",
                "negative-prompt", "fog, people",
                "style", "stained-glass",
                "processing-mode", "retake",
                "prompt-mode", "seer",
                "creativity", 5,
                "details", 1,
                "denoising", 2,
                "nsfw", TRUE,
                "transparent-background", TRUE,
                "color-tone", "blackAndWhite",
                "webhook", "https://hooks.example.com/variete",
                "aspect-ratio", "9:16",
                NULL);

  node = variete_request_to_json (request);
  object = json_node_get_object (node);

  assert_members (object,
                  "imageUrl", "model", "batch", "prompt", "negativePrompt", "style",
                  "processingMode", "promptMode", "creativity", "details", "denoising",
                  "aspectRatio", "nsfw", "transparentBackground", "colorTone", "webhook", NULL);
  assert_string_member (object, "imageUrl", SOURCE);
  assert_string_member (object, "model", "tengrai-20240423-m-f.safetensors");
  assert_int_member (object, "batch", 1);
  assert_string_member (object, "prompt", "a lighthouse at dusk");
  assert_string_member (object, "negativePrompt", "fog, people");
  assert_string_member (object, "style", "stained-glass");
  assert_string_member (object, "processingMode", "retake");
  assert_string_member (object, "promptMode", "seer");
  assert_int_member (object, "creativity", 5);
  assert_int_member (object, "details", 1);
  assert_int_member (object, "denoising", 2);
  assert_string_member (object, "aspectRatio", "9:16");
  assert_boolean_member (object, "nsfw", TRUE);
  assert_boolean_member (object, "transparentBackground", TRUE);
  assert_string_member (object, "colorTone", "blackAndWhite");
  assert_string_member (object, "webhook", "https://hooks.example.com/variete");

  g_assert_finalize_object (request);
}

static void
test_json_denoising_by_mode (void)
{
  struct {
    const char *mode;
    gboolean    sent;
  } modes[] = {
    { "sketch-to-image", FALSE },
    { "reimagine", TRUE },
    { "3d", FALSE },
    { "ai-rchitect", FALSE },
    { "human-pose", FALSE },
    { "retake", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      VarieteRequest *request = new_request_with_source ();
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;

      variete_request_set_denoising (request, 4);
      variete_request_set_processing_mode (request, modes[i].mode);
      g_assert_cmpint (variete_request_get_uses_denoising (request), ==, modes[i].sent);
      g_assert_true (variete_request_validate (request, NULL));

      node = variete_request_to_json (request);
      object = json_node_get_object (node);
      assert_string_member (object, "processingMode", modes[i].mode);
      g_assert_cmpint (json_object_has_member (object, "denoising"), ==, modes[i].sent);
      if (modes[i].sent)
        assert_int_member (object, "denoising", 4);

      g_assert_finalize_object (request);
    }
}

static void
test_json_size_rules (void)
{
  VarieteRequest *request = new_request_with_source ();
  g_autoptr(JsonNode) aspect = NULL;
  g_autoptr(JsonNode) custom = NULL;
  JsonObject *object;

  variete_request_set_aspect_ratio (request, "21:9");
  variete_request_set_width (request, 1216);
  variete_request_set_height (request, 1200);

  aspect = variete_request_to_json (request);
  object = json_node_get_object (aspect);
  assert_string_member (object, "aspectRatio", "21:9");
  g_assert_false (json_object_has_member (object, "width"));
  g_assert_false (json_object_has_member (object, "height"));

  variete_request_set_size_mode (request, "custom");
  custom = variete_request_to_json (request);
  object = json_node_get_object (custom);
  g_assert_false (json_object_has_member (object, "aspectRatio"));
  assert_int_member (object, "width", 1216);
  assert_int_member (object, "height", 1200);

  g_assert_finalize_object (request);
}

static void
test_json_omissions (void)
{
  struct {
    const char *negative_prompt;
    gboolean    sent;
  } negatives[] = {
    { "", FALSE },
    { " ", FALSE },
    { " \t\n ", FALSE },
    { "\xc2\xa0\xe2\x80\x83", FALSE },  /* no-break space, em space */
    { "blur", TRUE },
    { "  blur  ", TRUE },
  };
  VarieteRequest *request = new_request_with_source ();

  for (guint i = 0; i < G_N_ELEMENTS (negatives); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;

      variete_request_set_negative_prompt (request, negatives[i].negative_prompt);
      node = variete_request_to_json (request);
      object = json_node_get_object (node);
      g_assert_cmpint (json_object_has_member (object, "negativePrompt"), ==, negatives[i].sent);
      if (negatives[i].sent)
        assert_string_member (object, "negativePrompt", negatives[i].negative_prompt);
    }

  {
    g_autoptr(JsonNode) none = NULL;
    g_autoptr(JsonNode) warm = NULL;

    variete_request_set_color_tone (request, "none");
    none = variete_request_to_json (request);
    g_assert_false (json_object_has_member (json_node_get_object (none), "colorTone"));

    variete_request_set_color_tone (request, "warm");
    warm = variete_request_to_json (request);
    assert_string_member (json_node_get_object (warm), "colorTone", "warm");
  }

  {
    g_autoptr(JsonNode) empty = NULL;
    g_autoptr(JsonNode) blank = NULL;
    g_autoptr(JsonNode) set = NULL;

    variete_request_set_webhook (request, "");
    empty = variete_request_to_json (request);
    g_assert_false (json_object_has_member (json_node_get_object (empty), "webhook"));

    variete_request_set_webhook (request, "   ");
    blank = variete_request_to_json (request);
    g_assert_false (json_object_has_member (json_node_get_object (blank), "webhook"));
    g_assert_true (variete_request_validate (request, NULL));

    variete_request_set_webhook (request, " https://hooks.example.com/done ");
    set = variete_request_to_json (request);
    assert_string_member (json_node_get_object (set), "webhook", "https://hooks.example.com/done");
  }

  g_assert_finalize_object (request);
}

static void
test_json_always_sent (void)
{
  const char *modes[] = { "sketch-to-image", "reimagine", "3d", "ai-rchitect", "human-pose",
                          "retake" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      for (guint nsfw = 0; nsfw < 2; nsfw++)
        {
          VarieteRequest *request = new_request_with_source ();
          g_autoptr(JsonNode) node = NULL;
          JsonObject *object;

          g_object_set (request,
                        "processing-mode", modes[i],
                        "prompt-mode", nsfw ? "seer" : "servitor",
                        "nsfw", (gboolean)nsfw,
                        NULL);
          node = variete_request_to_json (request);
          object = json_node_get_object (node);
          assert_string_member (object, "processingMode", modes[i]);
          assert_string_member (object, "promptMode", nsfw ? "seer" : "servitor");
          assert_boolean_member (object, "nsfw", nsfw);
          assert_boolean_member (object, "transparentBackground", FALSE);

          g_assert_finalize_object (request);
        }
    }
}

static void
test_json_string (void)
{
  VarieteRequest *request = new_request_with_source ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) expected = NULL;
  g_autofree char *text = NULL;

  variete_request_set_prompt (request, "quote \" and émoji 🐈");
  text = variete_request_to_json_string (request);
  g_assert_nonnull (text);
  g_assert_null (strchr (text, '\n'));
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));

  expected = variete_request_to_json (request);
  g_assert_true (json_node_equal (json_parser_get_root (parser), expected));

  g_assert_finalize_object (request);
}

/* Validation */

static void
test_validate_area (void)
{
  struct {
    int         width;
    int         height;
    const char *message;
  } cases[] = {
    { 1400, 1200, "1400 × 1200 = 1,680,000 px is over the 1,478,656 px limit. "
                  "Make the image smaller." },
    { 1217, 1216, "1217 × 1216 = 1,479,872 px is over the 1,478,656 px limit. "
                  "Make the image smaller." },
    { 2048, 2048, "2048 × 2048 = 4,194,304 px is over the 1,478,656 px limit. "
                  "Make the image smaller." },
    { 1216, 1216, NULL },
    { 2048, 512, NULL },
    { 512, 2048, NULL },
    { 1024, 1024, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VarieteRequest *request = new_request_with_source ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) size_error = NULL;

      g_object_set (request,
                    "size-mode", "custom",
                    "width", cases[i].width,
                    "height", cases[i].height,
                    NULL);

      if (cases[i].message == NULL)
        {
          g_assert_true (variete_request_validate (request, &error));
          g_assert_no_error (error);
          g_assert_true (variete_request_validate_size (cases[i].width, cases[i].height, NULL));
        }
      else
        {
          g_assert_false (variete_request_validate (request, &error));
          g_assert_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_SIZE);
          g_assert_cmpstr (error->message, ==, cases[i].message);
          g_assert_false (variete_request_validate_size (cases[i].width, cases[i].height,
                                                         &size_error));
          g_assert_cmpstr (size_error->message, ==, cases[i].message);
        }

      g_assert_finalize_object (request);
    }
}

static void
test_validate_sides (void)
{
  struct {
    int         width;
    int         height;
    const char *fragment;
  } cases[] = {
    { 511, 1024, "width" },
    { 2049, 600, "width" },
    { 0, 1024, "width" },
    { -5, 1024, "width" },
    { 1024, 511, "height" },
    { 600, 2049, "height" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VarieteRequest *request = new_request_with_source ();
      g_autoptr(GError) error = NULL;

      /* The C setters keep any value so that validation can name it. */
      variete_request_set_size_mode (request, "custom");
      variete_request_set_width (request, cases[i].width);
      variete_request_set_height (request, cases[i].height);

      g_assert_false (variete_request_validate (request, &error));
      assert_error (error, VARIETE_REQUEST_ERROR_SIZE, cases[i].fragment);
      assert_error (error, VARIETE_REQUEST_ERROR_SIZE, "between 512 and 2048");

      /* In aspect mode the size is not sent, so it is not checked. */
      variete_request_set_size_mode (request, "aspect");
      g_assert_true (variete_request_validate (request, NULL));

      g_assert_finalize_object (request);
    }
}

static void
test_validate_enums (void)
{
  struct {
    const char *property;
    const char *fragment;
  } cases[] = {
    { "model", "Model" },
    { "style", "Style" },
    { "processing-mode", "Processing mode" },
    { "prompt-mode", "Prompt mode" },
    { "aspect-ratio", "Aspect ratio" },
    { "color-tone", "Color tone" },
    { "size-mode", "Size mode" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VarieteRequest *request = new_request_with_source ();
      g_autoptr(GError) error = NULL;

      g_object_set (request, cases[i].property, "bogus", NULL);
      g_assert_false (variete_request_validate (request, &error));
      assert_error (error, VARIETE_REQUEST_ERROR_INVALID_VALUE, cases[i].fragment);
      assert_error (error, VARIETE_REQUEST_ERROR_INVALID_VALUE, "“bogus”");

      g_assert_finalize_object (request);
    }

  /* The aspect ratio only matters in aspect mode. */
  {
    VarieteRequest *request = new_request_with_source ();

    g_object_set (request, "aspect-ratio", "5:4", "size-mode", "custom", NULL);
    g_assert_true (variete_request_validate (request, NULL));

    g_assert_finalize_object (request);
  }
}

static void
test_validate_ranges (void)
{
  struct {
    void      (*setter) (VarieteRequest *, int);
    int         value;
    const char *message;
  } cases[] = {
    { variete_request_set_batch, 0, "The number of images must be between 1 and 2, not 0." },
    { variete_request_set_batch, 3, "The number of images must be between 1 and 2, not 3." },
    { variete_request_set_creativity, 0, "Creativity must be between 1 and 5, not 0." },
    { variete_request_set_creativity, 6, "Creativity must be between 1 and 5, not 6." },
    { variete_request_set_details, -1, "Details must be between 1 and 5, not -1." },
    { variete_request_set_details, 6, "Details must be between 1 and 5, not 6." },
    { variete_request_set_denoising, 0, "Denoising must be between 1 and 5, not 0." },
    { variete_request_set_denoising, 9, "Denoising must be between 1 and 5, not 9." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VarieteRequest *request = new_request_with_source ();
      g_autoptr(GError) error = NULL;

      cases[i].setter (request, cases[i].value);
      g_assert_false (variete_request_validate (request, &error));
      g_assert_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE);
      g_assert_cmpstr (error->message, ==, cases[i].message);

      g_assert_finalize_object (request);
    }

  /* Denoising is not sent for sketch-to-image, so it is not checked there. */
  {
    VarieteRequest *request = new_request_with_source ();

    variete_request_set_denoising (request, 9);
    variete_request_set_processing_mode (request, "sketch-to-image");
    g_assert_true (variete_request_validate (request, NULL));

    g_assert_finalize_object (request);
  }
}

static void
test_validate_webhook (void)
{
  const char *accepted[] = {
    NULL,
    "",
    "   ",
    "https://hooks.example.com/variete",
    "https://hooks.example.com:8443/a?b=c",
    "HTTPS://Hooks.Example.COM/",
    "https://8.8.8.8/hook",
    "https://[2001:4860:4860::8888]/hook",
    "https://user@example.org/hook",
  };
  const char *refused[] = {
    "http://hooks.example.com/variete",
    "ftp://example.com/",
    "hooks.example.com/variete",
    "https://",
    "https:///path",
    "not a url",
    "https://localhost/hook",
    "https://LOCALHOST./hook",
    "https://api.localhost/hook",
    "https://127.0.0.1/hook",
    "https://127.8.9.10:8443/hook",
    "https://[::1]/hook",
    "https://0.0.0.0/hook",
    "https://0.1.2.3/hook",
    "https://[::]/hook",
    "https://10.0.0.5/hook",
    "https://172.16.0.1/hook",
    "https://172.31.255.255/hook",
    "https://192.168.1.1/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://169.254.1.1/",
    "https://100.64.0.1/",
    "https://[fc00::1]/",
    "https://[fd12:3456::1]/",
    "https://[fe80::1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:10.0.0.1]/",
    "https://[::ffff:169.254.169.254]/",
    "https://224.0.0.1/",
    "https://2130706433/",
    "https://0x7f000001/",
    "https://127.1/",
    "https://intranet/hook",
    "https://printer.local/hook",
    "https://router.home.arpa/hook",
    "https://metadata.google.internal/",
    "https://127%2E0%2E0%2E1/",
    "https://%6c%6fcalhost/",
    "https://example.com%2F@10.0.0.1/",
    "https://[::ffff:7f00:1]/",
    "https://[fe80::1%25eth0]/",
    "https://[2002:a00:1::]/",
    "https://[64:ff9b::a00:1]/",
    "https://ex ample.com/",
    "https://exa$mple.com/",
    "https://example.com/a\tb",
  };
  const char *public_ok[] = { "https://172.32.0.1/", "https://192.169.0.1/",
                              "https://11.0.0.1/", "https://[2a00:1450::1]/" };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!variete_request_validate_webhook (accepted[i], &error))
        g_error ("Webhook “%s” refused: %s", accepted[i], error->message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (public_ok); i++)
    g_assert_true (variete_request_validate_webhook (public_ok[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      if (variete_request_validate_webhook (refused[i], &error))
        g_error ("Webhook “%s” accepted", refused[i]);
      assert_error (error, VARIETE_REQUEST_ERROR_WEBHOOK, "webhook");
    }

  /* Through the request too. */
  {
    VarieteRequest *request = new_request_with_source ();
    g_autoptr(GError) error = NULL;

    variete_request_set_webhook (request, "https://192.168.0.10/hook");
    g_assert_false (variete_request_validate (request, &error));
    assert_error (error, VARIETE_REQUEST_ERROR_WEBHOOK, "192.168.0.10");

    g_assert_finalize_object (request);
  }
}

static void
test_validate_source (void)
{
  const char *accepted[] = {
    "https://images.example.com/a.png",
    "data:image/png;base64,iVBORw0KGgo=",
    "DATA:image/jpeg;base64,/9j/",
    "http://127.0.0.1:8080/source.png",
    "http://localhost/source.png",
    "http://[::1]:4000/source.webp",
  };
  const char *refused[] = {
    "http://images.example.com/a.png",
    "file:///home/me/a.png",
    "/home/me/a.png",
    "data:text/html,<p>",
    "ftp://example.com/a.png",
  };
  VarieteRequest *request = variete_request_new ();
  g_autoptr(GError) error = NULL;

  /* Missing source: NO_SOURCE, but only after the fields are fine. */
  g_assert_false (variete_request_validate (request, &error));
  g_assert_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_NO_SOURCE);
  g_clear_error (&error);
  g_assert_true (variete_request_validate_fields (request, NULL));

  variete_request_set_style (request, "bogus");
  g_assert_false (variete_request_validate (request, &error));
  g_assert_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  variete_request_set_style (request, NULL);

  variete_request_set_webhook (request, "http://example.com/");
  g_assert_false (variete_request_validate (request, &error));
  g_assert_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_WEBHOOK);
  g_clear_error (&error);
  variete_request_set_webhook (request, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      variete_request_set_source_url (request, accepted[i]);
      if (!variete_request_validate (request, &error))
        g_error ("Source “%s” refused: %s", accepted[i], error->message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      variete_request_set_source_url (request, refused[i]);
      if (variete_request_validate (request, &error))
        g_error ("Source “%s” accepted", refused[i]);
      g_assert_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE);
      g_clear_error (&error);
    }

  g_assert_false (variete_request_validate_source_url (NULL, &error));
  g_assert_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_NO_SOURCE);

  g_assert_finalize_object (request);
}

static void
test_long_prompts_are_warnings (void)
{
  VarieteRequest *request = new_request_with_source ();
  g_autofree char *prompt = make_words (300, " ");
  g_autofree char *negative = make_words (65, " ");
  g_autofree char *at_limit = make_words (256, " ");
  g_autofree char *warnings = NULL;
  g_autofree char *both = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_null (variete_request_dup_warnings (request));

  variete_request_set_prompt (request, at_limit);
  g_assert_null (variete_request_dup_warnings (request));

  variete_request_set_prompt (request, prompt);
  g_assert_true (variete_request_validate (request, NULL));
  warnings = variete_request_dup_warnings (request);
  g_assert_cmpstr (warnings, ==,
                   "The prompt has 300 words; the server ignores every word after the first 256.");

  variete_request_set_negative_prompt (request, negative);
  g_assert_true (variete_request_validate (request, NULL));
  both = variete_request_dup_warnings (request);
  g_assert_cmpstr (both, ==,
                   "The prompt has 300 words; the server ignores every word after the first 256."
                   "\nThe negative prompt has 65 words; the server ignores every word after the "
                   "first 64.");

  /* The prompt is sent whole: the server does the truncating. */
  node = variete_request_to_json (request);
  assert_string_member (json_node_get_object (node), "prompt", prompt);

  g_assert_finalize_object (request);
}

/* Words */

static void
test_count_words (void)
{
  struct {
    const char *text;
    guint       n_words;
  } cases[] = {
    { NULL, 0 },
    { "", 0 },
    { "   ", 0 },
    { "cat", 1 },
    { " cat ", 1 },
    { "a cat", 2 },
    { "a  cat", 2 },
    { "a\tcat\non\r\na   mat", 5 },
    { "\t\n\v\f\r", 0 },
    { "one,two;three", 1 },
    { "red-eyed tree-frog", 2 },
    { "café olé", 2 },
    { "猫 が 好き", 3 },
    { "a\xc2\xa0" "b", 2 },            /* no-break space */
    { "a\xe2\x80\x83" "b", 2 },        /* em space */
    { "a\xe3\x80\x80" "b", 2 },        /* ideographic space */
    { "a\xe2\x80\xa8" "b", 2 },        /* line separator */
    { "a\xef\xbb\xbf" "b", 2 },        /* BOM, white space to JavaScript */
    { "a\xe2\x80\x8b" "b", 1 },        /* zero-width space is not white space */
    { "bad\xff" "utf8 here", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (variete_count_words (cases[i].text), ==, cases[i].n_words);
}

static void
test_cut_offset (void)
{
  const char *separators[] = { " ", "  ", "\t", "\n", " \t\n ", "\r\n", "\xc2\xa0" };

  for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
    {
      g_autofree char *w255 = make_words (255, separators[s]);
      g_autofree char *w256 = make_words (256, separators[s]);
      g_autofree char *w257 = make_words (257, separators[s]);
      g_autofree char *w300 = make_words (300, separators[s]);
      gsize cut;

      g_assert_cmpuint (variete_count_words (w255), ==, 255);
      g_assert_cmpuint (variete_count_words (w256), ==, 256);
      g_assert_cmpuint (variete_count_words (w257), ==, 257);

      g_assert_cmpuint (variete_words_cut_offset (w255, 256), ==, strlen (w255));
      g_assert_cmpuint (variete_words_cut_offset (w256, 256), ==, strlen (w256));

      cut = variete_words_cut_offset (w257, 256);
      g_assert_cmpstr (w257 + cut, ==, "w257");
      g_assert_cmpuint (variete_count_words (w257 + cut), ==, 1);

      cut = variete_words_cut_offset (w300, 256);
      g_assert_true (g_str_has_prefix (w300 + cut, "w257"));
      g_assert_cmpuint (variete_count_words (w300 + cut), ==, 300 - 256);
      /* What is kept is exactly the first 256 words (and the white space after them). */
      {
        g_autofree char *kept = g_strndup (w300, cut);

        g_assert_cmpuint (variete_count_words (kept), ==, 256);
        g_assert_true (g_str_has_prefix (w300, w256));
      }
    }

  g_assert_cmpuint (variete_words_cut_offset (NULL, 3), ==, 0);
  g_assert_cmpuint (variete_words_cut_offset ("", 3), ==, 0);
  g_assert_cmpuint (variete_words_cut_offset ("  a  b  c  d", 3), ==, 11);
  g_assert_cmpuint (variete_words_cut_offset ("  a  b  c  ", 3), ==, 11);
  g_assert_cmpuint (variete_words_cut_offset ("a b", 0), ==, 0);
  g_assert_cmpuint (variete_words_cut_offset ("  a b", 0), ==, 2);
  g_assert_cmpuint (variete_words_cut_offset ("é ü ö", 2), ==, strlen ("é ü "));
}

/* Restoring */

static void
check_round_trip (VarieteRequest *request)
{
  g_autoptr(JsonNode) node = variete_request_to_json (request);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  VarieteRequest *restored;

  restored = variete_request_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_true (variete_request_equal (request, restored));
  g_assert_true (variete_request_equal (restored, request));

  again = variete_request_to_json (restored);
  g_assert_true (json_node_equal (node, again));

  g_assert_finalize_object (restored);
}

static void
test_round_trip (void)
{
  VarieteRequest *request = new_request_with_source ();

  check_round_trip (request);

  g_object_set (request,
                "model", "tengrai-20240423-m-f.safetensors",
                "batch", 1,
                "prompt", "an old harbour, oil on canvas",
                "negative-prompt", "text, watermark",
                "style", "impasto",
                "processing-mode", "retake",
                "prompt-mode", "seer",
                "creativity", 1,
                "details", 5,
                "denoising", 2,
                "aspect-ratio", "3:2",
                "nsfw", TRUE,
                "transparent-background", TRUE,
                "color-tone", "neonColors",
                "webhook", "https://hooks.example.com/h",
                NULL);
  check_round_trip (request);

  /* A custom size; the aspect ratio is not sent then, so it stays at its default. */
  g_object_set (request,
                "source-url", "data:image/png;base64,AAAA",
                "size-mode", "custom",
                "aspect-ratio", "1:1",
                "width", 1216,
                "height", 1216,
                "processing-mode", "reimagine",
                "color-tone", "none",
                "webhook", "",
                "negative-prompt", "",
                NULL);
  check_round_trip (request);

  g_object_set (request, "width", 2048, "height", 704, "prompt", "", NULL);
  check_round_trip (request);

  g_assert_finalize_object (request);
}

/* What to_json leaves out (denoising for some modes, the size in the other size mode) cannot
 * come back; everything sent does. */
static void
test_round_trip_unsent_fields (void)
{
  VarieteRequest *request = new_request_with_source ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  VarieteRequest *restored;

  g_object_set (request,
                "processing-mode", "sketch-to-image",
                "denoising", 5,
                "width", 800,
                NULL);
  node = variete_request_to_json (request);
  restored = variete_request_new_from_json (node, NULL);
  g_assert_cmpint (variete_request_get_denoising (restored), ==, 3);
  g_assert_cmpint (variete_request_get_width (restored), ==, 1024);
  g_assert_cmpstr (variete_request_get_size_mode (restored), ==, "aspect");
  again = variete_request_to_json (restored);
  g_assert_true (json_node_equal (node, again));

  g_assert_finalize_object (restored);
  g_assert_finalize_object (request);
}

static VarieteRequest *
request_from_text (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  VarieteRequest *request;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  request = variete_request_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);

  return request;
}

static void
test_from_json_tolerant (void)
{
  VarieteRequest *request;
  VarieteRequest *defaults;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) array = json_node_new (JSON_NODE_ARRAY);

  /* Missing members keep their defaults, unknown ones are ignored. */
  request = request_from_text ("{\"future\": {\"x\": 1}, \"seed\": 42}");
  defaults = variete_request_new ();
  g_assert_true (variete_request_equal (request, defaults));
  g_assert_finalize_object (request);

  /* Wrong-typed members are ignored. */
  request = request_from_text ("{\"imageUrl\": 5, \"batch\": \"two\", \"prompt\": null,"
                               " \"nsfw\": \"yes\", \"style\": [\"manga\"],"
                               " \"creativity\": 4.5, \"details\": true}");
  g_assert_true (variete_request_equal (request, defaults));
  g_assert_finalize_object (request);

  /* width and height make a custom size, unless there is an aspect ratio. */
  request = request_from_text ("{\"width\": 900, \"height\": 1100}");
  g_assert_cmpstr (variete_request_get_size_mode (request), ==, "custom");
  g_assert_cmpint (variete_request_get_width (request), ==, 900);
  g_assert_cmpint (variete_request_get_height (request), ==, 1100);
  g_assert_finalize_object (request);

  request = request_from_text ("{\"width\": 900}");
  g_assert_cmpstr (variete_request_get_size_mode (request), ==, "aspect");
  g_assert_finalize_object (request);

  request = request_from_text ("{\"aspectRatio\": \"16:9\", \"width\": 900, \"height\": 1100}");
  g_assert_cmpstr (variete_request_get_size_mode (request), ==, "aspect");
  g_assert_cmpstr (variete_request_get_aspect_ratio (request), ==, "16:9");
  g_assert_finalize_object (request);

  /* The parameters an artwork echoes restore too, and values out of range are kept for
   * validation to report. */
  request = request_from_text ("{\"imageUrl\": \"https://x.example/a.png\", \"batch\": 7,"
                               " \"processingMode\": \"3d\", \"colorTone\": \"sepia\"}");
  g_assert_cmpstr (variete_request_get_source_url (request), ==, "https://x.example/a.png");
  g_assert_cmpint (variete_request_get_batch (request), ==, 7);
  g_assert_false (variete_request_get_uses_denoising (request));
  g_assert_cmpstr (variete_request_get_color_tone (request), ==, "sepia");
  g_assert_false (variete_request_validate (request, &error));
  g_assert_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_finalize_object (request);

  /* Not an object. */
  json_node_take_array (array, json_array_new ());
  g_assert_null (variete_request_new_from_json (array, &error));
  g_assert_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_null (variete_request_new_from_json (NULL, &error));
  g_assert_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE);

  g_assert_finalize_object (defaults);
}

/* Copy and reset */

static void
test_copy_and_equal (void)
{
  VarieteRequest *request = new_request_with_source ();
  VarieteRequest *copy;

  g_object_set (request,
                "prompt", "mountains",
                "style", "manga",
                "size-mode", "custom",
                "width", 640,
                "nsfw", TRUE,
                "color-tone", "pastel",
                NULL);
  variete_request_set_creativity (request, 42);

  copy = variete_request_copy (request);
  g_assert_true (copy != request);
  g_assert_true (variete_request_equal (request, copy));
  g_assert_cmpint (variete_request_get_creativity (copy), ==, 42);
  g_assert_cmpstr (variete_request_get_source_url (copy), ==, SOURCE);

  variete_request_set_prompt (copy, "valleys");
  g_assert_false (variete_request_equal (request, copy));
  g_assert_cmpstr (variete_request_get_prompt (request), ==, "mountains");

  g_assert_finalize_object (copy);
  g_assert_finalize_object (request);
}

static void
test_reset (void)
{
  VarieteRequest *request = new_request_with_source ();
  VarieteRequest *fresh = new_request_with_source ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_object_set (request,
                "model", "tengrai-20240423-m-f.safetensors",
                "batch", 1,
                "prompt", "x",
                "negative-prompt", "y",
                "style", "logo",
                "processing-mode", "3d",
                "prompt-mode", "seer",
                "creativity", 1,
                "details", 1,
                "denoising", 1,
                "size-mode", "custom",
                "aspect-ratio", "7:4",
                "width", 600,
                "height", 700,
                "nsfw", TRUE,
                "transparent-background", TRUE,
                "color-tone", "cool",
                "webhook", "https://example.com/h",
                NULL);
  g_assert_false (variete_request_equal (request, fresh));

  g_signal_connect (request, "notify", G_CALLBACK (count_notify_cb), counts);
  variete_request_reset (request);
  g_assert_true (variete_request_equal (request, fresh));
  g_assert_cmpstr (variete_request_get_source_url (request), ==, SOURCE);
  g_assert_true (variete_request_get_uses_denoising (request));

  /* Each changed property notifies once; the source did not change. */
  g_assert_cmpuint (count_of (counts, "prompt"), ==, 1);
  g_assert_cmpuint (count_of (counts, "uses-denoising"), ==, 1);
  g_assert_cmpuint (count_of (counts, "source-url"), ==, 0);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 19);

  g_hash_table_remove_all (counts);
  variete_request_reset (request);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);

  g_assert_finalize_object (fresh);
  g_assert_finalize_object (request);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/request/property-specs", test_property_specs);
  g_test_add_func ("/request/defaults", test_defaults);
  g_test_add_func ("/request/getters-and-setters", test_getters_and_setters);
  g_test_add_func ("/request/gobject-refuses-out-of-range", test_gobject_refuses_out_of_range);
  g_test_add_func ("/request/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/request/json/defaults", test_json_defaults);
  g_test_add_func ("/request/json/every-field", test_json_every_field);
  g_test_add_func ("/request/json/denoising-by-mode", test_json_denoising_by_mode);
  g_test_add_func ("/request/json/size-rules", test_json_size_rules);
  g_test_add_func ("/request/json/omissions", test_json_omissions);
  g_test_add_func ("/request/json/always-sent", test_json_always_sent);
  g_test_add_func ("/request/json/string", test_json_string);
  g_test_add_func ("/request/validate/area", test_validate_area);
  g_test_add_func ("/request/validate/sides", test_validate_sides);
  g_test_add_func ("/request/validate/enums", test_validate_enums);
  g_test_add_func ("/request/validate/ranges", test_validate_ranges);
  g_test_add_func ("/request/validate/webhook", test_validate_webhook);
  g_test_add_func ("/request/validate/source", test_validate_source);
  g_test_add_func ("/request/validate/long-prompts-are-warnings", test_long_prompts_are_warnings);
  g_test_add_func ("/request/words/count", test_count_words);
  g_test_add_func ("/request/words/cut-offset", test_cut_offset);
  g_test_add_func ("/request/from-json/round-trip", test_round_trip);
  g_test_add_func ("/request/from-json/round-trip-unsent-fields", test_round_trip_unsent_fields);
  g_test_add_func ("/request/from-json/tolerant", test_from_json_tolerant);
  g_test_add_func ("/request/copy-and-equal", test_copy_and_equal);
  g_test_add_func ("/request/reset", test_reset);

  return g_test_run ();
}
