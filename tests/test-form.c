/* test-form.c
 *
 * The form: every control is bound both ways to the request, so setting a control changes the
 * request and its JSON, and setting the request changes the control; the live checks (word
 * counters, denoising, custom size, webhook) follow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "variete-form.h"
#include "variete-prompt-editor.h"
#include "variete-strength-row.h"
#include "variete-test-gtk.h"
#include "variete-test-utils.h"

#define WAIT_TIMEOUT_SECONDS 10

typedef struct
{
  GtkWindow      *window;
  VarieteForm    *form;
  VarieteRequest *request;
} Fixture;

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  fixture->request = variete_request_new ();
  fixture->form = g_object_new (VARIETE_TYPE_FORM, NULL);
  variete_form_set_request (fixture->form, fixture->request);
  g_assert_true (variete_form_get_request (fixture->form) == fixture->request);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 400, 700);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (fixture->form));
  gtk_window_set_child (fixture->window, scroller);
  gtk_window_present (fixture->window);
  variete_test_spin_until (widget_mapped, fixture->form, WAIT_TIMEOUT_SECONDS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_ref (fixture->window);
  g_object_ref (fixture->form);
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->form);
  g_assert_finalize_object (fixture->request);
}

static GtkWidget *
control (Fixture    *fixture,
         const char *field)
{
  GtkWidget *widget = variete_form_get_control (fixture->form, field);

  g_assert_nonnull (widget);

  return widget;
}

/* Returns: (transfer full): the request's JSON body as an object */
static JsonObject *
request_json (Fixture *fixture)
{
  g_autoptr(JsonNode) node = variete_request_to_json (fixture->request);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

static void
assert_json_string (Fixture    *fixture,
                    const char *member,
                    const char *expected)
{
  g_autoptr(JsonObject) object = request_json (fixture);

  if (expected == NULL)
    {
      g_assert_false (json_object_has_member (object, member));
      return;
    }

  g_assert_true (json_object_has_member (object, member));
  g_assert_cmpstr (json_object_get_string_member (object, member), ==, expected);
}

static void
assert_json_int (Fixture    *fixture,
                 const char *member,
                 gint64      expected)
{
  g_autoptr(JsonObject) object = request_json (fixture);

  g_assert_true (json_object_has_member (object, member));
  g_assert_cmpint (json_object_get_int_member (object, member), ==, expected);
}

static void
assert_json_boolean (Fixture    *fixture,
                     const char *member,
                     gboolean    expected)
{
  g_autoptr(JsonObject) object = request_json (fixture);

  g_assert_true (json_object_has_member (object, member));
  g_assert_cmpint (json_object_get_boolean_member (object, member), ==, expected);
}

static gboolean
json_has (Fixture    *fixture,
          const char *member)
{
  g_autoptr(JsonObject) object = request_json (fixture);

  return json_object_has_member (object, member);
}

static char *
dup_string_property (gpointer    object,
                     const char *property)
{
  char *value = NULL;

  g_object_get (object, property, &value, NULL);

  return value;
}

static int
get_int_property (gpointer    object,
                  const char *property)
{
  int value = 0;

  g_object_get (object, property, &value, NULL);

  return value;
}

/* Every enum dropdown: each value selected in the dropdown reaches the request and the JSON, and
 * each value set on the request selects its entry. */
static void
test_form_enum_rows (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct {
    const char      *field;
    const char      *member;
    VarieteEnumKind  kind;
  } fields[] = {
    { "model", "model", VARIETE_ENUM_MODEL },
    { "style", "style", VARIETE_ENUM_STYLE },
    { "processing-mode", "processingMode", VARIETE_ENUM_PROCESSING_MODE },
    { "prompt-mode", "promptMode", VARIETE_ENUM_PROMPT_MODE },
    { "aspect-ratio", "aspectRatio", VARIETE_ENUM_ASPECT_RATIO },
    { "color-tone", "colorTone", VARIETE_ENUM_COLOR_TONE },
  };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (control (fixture, fields[f].field));
      GListModel *model = adw_combo_row_get_model (row);
      const VarieteEnumValue *values;
      guint n_values;

      values = variete_enum_get_values (fields[f].kind, &n_values);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_values);

      /* The default is selected from the start. */
      g_assert_cmpint (adw_combo_row_get_selected (row), ==,
                       variete_enum_index_of (fields[f].kind,
                                              variete_enum_get_default (fields[f].kind)));

      for (guint i = 0; i < n_values; i++)
        {
          g_autofree char *value = NULL;
          gboolean sent = !(fields[f].kind == VARIETE_ENUM_COLOR_TONE &&
                            g_str_equal (values[i].value, VARIETE_COLOR_TONE_NONE));

          g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), ==,
                           variete_enum_value_get_label (&values[i]));

          adw_combo_row_set_selected (row, i);
          value = dup_string_property (fixture->request, fields[f].field);
          g_assert_cmpstr (value, ==, values[i].value);
          assert_json_string (fixture, fields[f].member, sent ? values[i].value : NULL);

          if (variete_enum_value_get_description (&values[i]) != NULL)
            g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                             variete_enum_value_get_description (&values[i]));
        }

      for (guint i = 0; i < n_values; i++)
        {
          g_object_set (fixture->request, fields[f].field, values[i].value, NULL);
          g_assert_cmpuint (adw_combo_row_get_selected (row), ==, i);
        }

      /* A value the API does not know leaves the dropdown as it was. */
      g_object_set (fixture->request, fields[f].field, "no-such-value", NULL);
      g_assert_cmpuint (adw_combo_row_get_selected (row), ==, n_values - 1);
      g_object_set (fixture->request, fields[f].field, NULL, NULL);
    }
}

static void
test_form_strength_sliders (Fixture       *fixture,
                            gconstpointer  data)
{
  static const struct {
    const char *field;
    const char *member;
  } fields[] = {
    { "creativity", "creativity" },
    { "details", "details" },
    { "denoising", "denoising" },
  };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      GtkRange *range = GTK_RANGE (control (fixture, fields[f].field));
      GtkAdjustment *adjustment = gtk_range_get_adjustment (range);

      g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, VARIETE_MIN_STRENGTH);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, VARIETE_MAX_STRENGTH);
      g_assert_cmpfloat (gtk_range_get_value (range), ==, VARIETE_DEFAULT_STRENGTH);

      for (int value = VARIETE_MIN_STRENGTH; value <= VARIETE_MAX_STRENGTH; value++)
        {
          gtk_range_set_value (range, value);
          g_assert_cmpint (get_int_property (fixture->request, fields[f].field), ==, value);
          assert_json_int (fixture, fields[f].member, value);
        }

      for (int value = VARIETE_MAX_STRENGTH; value >= VARIETE_MIN_STRENGTH; value--)
        {
          g_object_set (fixture->request, fields[f].field, value, NULL);
          g_assert_cmpfloat (gtk_range_get_value (range), ==, value);
        }
    }
}

/* Denoising is greyed out, with the reason, and not sent for the modes that ignore it. */
static void
test_form_denoising_modes (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct {
    const char *mode;
    gboolean    uses_denoising;
  } modes[] = {
    { "sketch-to-image", FALSE },
    { "reimagine", TRUE },
    { "3d", FALSE },
    { "ai-rchitect", FALSE },
    { "human-pose", FALSE },
    { "retake", TRUE },
  };
  AdwComboRow *mode_row = ADW_COMBO_ROW (control (fixture, "processing-mode"));
  GtkWidget *scale = control (fixture, "denoising");
  VarieteStrengthRow *denoising_row = VARIETE_STRENGTH_ROW (control (fixture, "denoising-row"));
  guint n_values;

  variete_enum_get_values (VARIETE_ENUM_PROCESSING_MODE, &n_values);
  g_assert_cmpuint (n_values, ==, G_N_ELEMENTS (modes));

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      const char *subtitle;

      /* Through the dropdown … */
      adw_combo_row_set_selected (mode_row,
                                  variete_enum_index_of (VARIETE_ENUM_PROCESSING_MODE,
                                                         modes[i].mode));
      g_assert_cmpstr (variete_request_get_processing_mode (fixture->request), ==, modes[i].mode);
      g_assert_cmpint (gtk_widget_is_sensitive (scale), ==, modes[i].uses_denoising);
      g_assert_cmpint (json_has (fixture, "denoising"), ==, modes[i].uses_denoising);
      assert_json_string (fixture, "processingMode", modes[i].mode);

      subtitle = variete_strength_row_get_subtitle (denoising_row);
      if (modes[i].uses_denoising)
        g_assert_null (strstr (subtitle, "full generation"));
      else
        g_assert_cmpstr (subtitle, ==, "This mode always uses full generation");

      /* … and through the request. */
      variete_request_set_processing_mode (fixture->request, "reimagine");
      g_assert_true (gtk_widget_is_sensitive (scale));
      variete_request_set_processing_mode (fixture->request, modes[i].mode);
      g_assert_cmpint (gtk_widget_is_sensitive (scale), ==, modes[i].uses_denoising);
    }
}

static GtkToggleButton *
toggle_at (GtkWidget *box,
           guint      position)
{
  GtkWidget *child = gtk_widget_get_first_child (box);

  for (guint i = 0; i < position; i++)
    child = gtk_widget_get_next_sibling (child);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (child));

  return GTK_TOGGLE_BUTTON (child);
}

static void
test_form_batch (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *box = control (fixture, "batch");
  GtkToggleButton *one = toggle_at (box, 0);
  GtkToggleButton *two = toggle_at (box, 1);

  g_assert_cmpint (variete_request_get_batch (fixture->request), ==, VARIETE_DEFAULT_BATCH);
  g_assert_true (gtk_toggle_button_get_active (two));
  g_assert_false (gtk_toggle_button_get_active (one));

  gtk_toggle_button_set_active (one, TRUE);
  g_assert_false (gtk_toggle_button_get_active (two));
  g_assert_cmpint (variete_request_get_batch (fixture->request), ==, 1);
  assert_json_int (fixture, "batch", 1);

  gtk_toggle_button_set_active (two, TRUE);
  g_assert_cmpint (variete_request_get_batch (fixture->request), ==, 2);
  assert_json_int (fixture, "batch", 2);

  variete_request_set_batch (fixture->request, 1);
  g_assert_true (gtk_toggle_button_get_active (one));
  g_assert_false (gtk_toggle_button_get_active (two));

  /* An out-of-range batch (from an old job, say) selects neither, and is not rewritten. */
  variete_request_set_batch (fixture->request, 3);
  g_assert_false (gtk_toggle_button_get_active (one));
  g_assert_false (gtk_toggle_button_get_active (two));
  g_assert_cmpint (variete_request_get_batch (fixture->request), ==, 3);
}

static GtkLabel *
message_label (GtkWidget *message_box)
{
  GtkWidget *label = gtk_widget_get_last_child (message_box);

  g_assert_true (GTK_IS_LABEL (label));

  return GTK_LABEL (label);
}

static void
test_form_size (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *mode_box = control (fixture, "size-mode");
  GtkToggleButton *aspect = toggle_at (mode_box, 0);
  GtkToggleButton *custom = toggle_at (mode_box, 1);
  GtkWidget *aspect_row = control (fixture, "aspect-ratio");
  GtkSpinButton *width = GTK_SPIN_BUTTON (control (fixture, "width"));
  GtkSpinButton *height = GTK_SPIN_BUTTON (control (fixture, "height"));
  GtkWidget *message = control (fixture, "size-message");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = NULL;

  variete_request_set_source_url (fixture->request, "https://example.com/source.png");

  /* Aspect ratio: the ratio is sent, the width and height are hidden and not sent. */
  g_assert_true (gtk_toggle_button_get_active (aspect));
  g_assert_true (gtk_widget_get_visible (aspect_row));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (width)));
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_true (json_has (fixture, "aspectRatio"));
  g_assert_false (json_has (fixture, "width"));

  /* Custom: width and height, within the limit. */
  gtk_toggle_button_set_active (custom, TRUE);
  g_assert_cmpstr (variete_request_get_size_mode (fixture->request), ==, VARIETE_SIZE_MODE_CUSTOM);
  g_assert_false (gtk_widget_get_visible (aspect_row));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (width)));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (height)));
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (message, "error"));

  gtk_spin_button_set_value (width, 1216);
  gtk_spin_button_set_value (height, 1216);
  g_assert_cmpint (variete_request_get_width (fixture->request), ==, 1216);
  g_assert_cmpint (variete_request_get_height (fixture->request), ==, 1216);
  g_assert_false (json_has (fixture, "aspectRatio"));
  assert_json_int (fixture, "width", 1216);
  assert_json_int (fixture, "height", 1216);
  g_assert_true (variete_request_validate (fixture->request, NULL));
  g_assert_false (gtk_widget_has_css_class (message, "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (message_label (message)), "1,478,656"));

  /* Over the area limit: the message says so, and the request is not valid. */
  gtk_spin_button_set_value (width, 1400);
  gtk_spin_button_set_value (height, 1200);
  g_assert_cmpint (variete_request_get_width (fixture->request), ==, 1400);
  g_assert_cmpint (variete_request_get_height (fixture->request), ==, 1200);
  g_assert_false (variete_request_validate (fixture->request, &error));
  g_assert_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_SIZE);
  g_assert_false (variete_request_validate_size (1400, 1200, &expected));
  g_assert_cmpstr (gtk_label_get_label (message_label (message)), ==, expected->message);
  g_assert_true (gtk_widget_has_css_class (message, "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (width), "error"));

  /* The request drives the spin buttons too. */
  variete_request_set_width (fixture->request, 800);
  variete_request_set_height (fixture->request, 600);
  g_assert_cmpfloat (gtk_spin_button_get_value (width), ==, 800);
  g_assert_cmpfloat (gtk_spin_button_get_value (height), ==, 600);
  g_assert_false (gtk_widget_has_css_class (message, "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (width), "error"));
  g_assert_true (variete_request_validate (fixture->request, NULL));

  /* The spin buttons keep to the API's range. */
  gtk_spin_button_set_value (width, 100);
  g_assert_cmpint (variete_request_get_width (fixture->request), ==, VARIETE_MIN_SIDE);
  gtk_spin_button_set_value (height, 5000);
  g_assert_cmpint (variete_request_get_height (fixture->request), ==, VARIETE_MAX_SIDE);

  /* Back to an aspect ratio through the request. */
  variete_request_set_size_mode (fixture->request, VARIETE_SIZE_MODE_ASPECT);
  g_assert_true (gtk_toggle_button_get_active (aspect));
  g_assert_false (gtk_toggle_button_get_active (custom));
  g_assert_true (gtk_widget_get_visible (aspect_row));
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (json_has (fixture, "width"));
  g_assert_true (json_has (fixture, "aspectRatio"));
}

static void
test_form_switches (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char *field;
    const char *member;
  } fields[] = {
    { "nsfw", "nsfw" },
    { "transparent-background", "transparentBackground" },
  };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      GtkSwitch *toggle = GTK_SWITCH (control (fixture, fields[f].field));
      gboolean value;

      g_assert_false (gtk_switch_get_active (toggle));
      assert_json_boolean (fixture, fields[f].member, FALSE);

      gtk_switch_set_active (toggle, TRUE);
      g_object_get (fixture->request, fields[f].field, &value, NULL);
      g_assert_true (value);
      assert_json_boolean (fixture, fields[f].member, TRUE);

      g_object_set (fixture->request, fields[f].field, FALSE, NULL);
      g_assert_false (gtk_switch_get_active (toggle));
      assert_json_boolean (fixture, fields[f].member, FALSE);
    }
}

static void
assert_webhook_state (Fixture    *fixture,
                      const char *url,
                      gboolean    valid)
{
  GtkWidget *row = control (fixture, "webhook");
  GtkWidget *message = control (fixture, "webhook-message");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (variete_request_validate_webhook (url, &error), ==, valid);
  g_assert_cmpint (gtk_widget_has_css_class (row, "error"), ==, !valid);
  g_assert_cmpint (gtk_widget_has_css_class (message, "error"), ==, !valid);
  g_assert_true (gtk_widget_get_visible (message));

  if (!valid)
    g_assert_cmpstr (gtk_label_get_label (message_label (message)), ==, error->message);
}

static void
test_form_webhook (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkEditable *row = GTK_EDITABLE (control (fixture, "webhook"));

  g_assert_cmpstr (gtk_editable_get_text (row), ==, "");
  assert_webhook_state (fixture, "", TRUE);
  g_assert_false (json_has (fixture, "webhook"));

  gtk_editable_set_text (row, "http://example.com/hook");
  g_assert_cmpstr (variete_request_get_webhook (fixture->request), ==, "http://example.com/hook");
  assert_webhook_state (fixture, "http://example.com/hook", FALSE);
  g_assert_false (variete_request_validate_fields (fixture->request, NULL));

  gtk_editable_set_text (row, "https://127.0.0.1/hook");
  assert_webhook_state (fixture, "https://127.0.0.1/hook", FALSE);

  gtk_editable_set_text (row, "https://example.com/hook");
  assert_webhook_state (fixture, "https://example.com/hook", TRUE);
  assert_json_string (fixture, "webhook", "https://example.com/hook");
  g_assert_true (variete_request_validate_fields (fixture->request, NULL));

  /* The request drives the entry, e.g. when the form is reset. */
  variete_request_set_webhook (fixture->request, "https://localhost/hook");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "https://localhost/hook");
  assert_webhook_state (fixture, "https://localhost/hook", FALSE);

  variete_request_set_webhook (fixture->request, "");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "");
  assert_webhook_state (fixture, "", TRUE);
  g_assert_false (json_has (fixture, "webhook"));
}

static char *
make_words (guint n_words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 1; i <= n_words; i++)
    g_string_append_printf (text, "%sword%u", i > 1 ? (i % 7 == 0 ? "\n" : " ") : "", i);

  return g_string_free (text, FALSE);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
assert_words (Fixture    *fixture,
              const char *field,
              guint       max_words,
              guint       n_words)
{
  VarietePromptEditor *editor = VARIETE_PROMPT_EDITOR (control (fixture, field));
  GtkTextBuffer *buffer = variete_prompt_editor_get_buffer (editor);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               VARIETE_PROMPT_EDITOR_CUT_TAG);
  GtkWidget *counter = variete_test_find_named (GTK_WIDGET (editor), "counter");
  GtkWidget *message = variete_test_find_named (GTK_WIDGET (editor), "message");
  g_autofree char *text = make_words (n_words);
  g_autofree char *expected_counter = g_strdup_printf ("%u / %u words", n_words, max_words);
  g_autofree char *value = NULL;
  gboolean over = n_words > max_words;
  GtkTextIter iter, end;
  guint notified = 0;
  g_autofree char *signal = g_strdup_printf ("notify::%s", field);
  gulong handler;

  g_assert_nonnull (tag);
  g_assert_true (GTK_IS_LABEL (counter));
  g_assert_nonnull (message);

  /* Pasting over the whole text, one user action, reaches the request exactly once. */
  handler = g_signal_connect (fixture->request, signal,
                              G_CALLBACK (count_notify_cb), &notified);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &iter, &end);
  gtk_text_buffer_delete (buffer, &iter, &end);
  gtk_text_buffer_insert (buffer, &iter, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  g_signal_handler_disconnect (fixture->request, handler);
  g_assert_cmpuint (notified, ==, 1);

  value = dup_string_property (fixture->request, field);
  g_assert_cmpstr (value, ==, text);
  g_assert_cmpuint (variete_count_words (value), ==, n_words);
  g_assert_cmpuint (variete_prompt_editor_get_n_words (editor), ==, n_words);
  g_assert_cmpint (variete_prompt_editor_get_over_limit (editor), ==, over);

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (counter)), ==, expected_counter);
  g_assert_cmpint (gtk_widget_has_css_class (counter, "warning"), ==, over);
  g_assert_cmpint (gtk_widget_get_visible (message), ==, over);

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!over)
    {
      g_assert_false (gtk_text_iter_has_tag (&iter, tag));
      g_assert_false (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
    }
  else
    {
      gsize cut = variete_words_cut_offset (text, max_words);
      g_autofree char *expected_cut = NULL;
      g_autofree char *tagged = NULL;

      /* The marked words run from word max_words + 1 to the end. */
      g_assert_true (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
      g_assert_true (gtk_text_iter_starts_tag (&iter, tag));
      g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==,
                       g_utf8_pointer_to_offset (text, text + cut));
      end = iter;
      g_assert_true (gtk_text_iter_forward_to_tag_toggle (&end, tag));
      g_assert_true (gtk_text_iter_is_end (&end));

      tagged = gtk_text_buffer_get_text (buffer, &iter, &end, TRUE);
      expected_cut = g_strdup_printf ("word%u", max_words + 1);
      g_assert_true (g_str_has_prefix (tagged, expected_cut));
      g_assert_cmpuint (variete_count_words (tagged), ==, n_words - max_words);
    }
}

static void
test_form_word_counters (Fixture       *fixture,
                         gconstpointer  data)
{
  VarietePromptEditor *editor = VARIETE_PROMPT_EDITOR (control (fixture, "prompt"));
  GtkWidget *counter = variete_test_find_named (GTK_WIDGET (editor), "counter");

  /* The default prompt, "cat". */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (counter)), ==, "1 / 256 words");

  assert_words (fixture, "prompt", VARIETE_MAX_PROMPT_WORDS, VARIETE_MAX_PROMPT_WORDS - 1);
  assert_words (fixture, "prompt", VARIETE_MAX_PROMPT_WORDS, VARIETE_MAX_PROMPT_WORDS);
  assert_words (fixture, "prompt", VARIETE_MAX_PROMPT_WORDS, VARIETE_MAX_PROMPT_WORDS + 1);
  assert_words (fixture, "prompt", VARIETE_MAX_PROMPT_WORDS, VARIETE_MAX_PROMPT_WORDS + 40);
  assert_words (fixture, "prompt", VARIETE_MAX_PROMPT_WORDS, VARIETE_MAX_PROMPT_WORDS - 1);

  assert_words (fixture, "negative-prompt", VARIETE_MAX_NEGATIVE_PROMPT_WORDS,
                VARIETE_MAX_NEGATIVE_PROMPT_WORDS - 1);
  assert_words (fixture, "negative-prompt", VARIETE_MAX_NEGATIVE_PROMPT_WORDS,
                VARIETE_MAX_NEGATIVE_PROMPT_WORDS);
  assert_words (fixture, "negative-prompt", VARIETE_MAX_NEGATIVE_PROMPT_WORDS,
                VARIETE_MAX_NEGATIVE_PROMPT_WORDS + 1);
}

/* The request drives the prompt, e.g. on "Reset to defaults", without echoing back. */
static void
test_form_prompt_from_request (Fixture       *fixture,
                               gconstpointer  data)
{
  VarietePromptEditor *editor = VARIETE_PROMPT_EDITOR (control (fixture, "prompt"));
  GtkTextBuffer *buffer = variete_prompt_editor_get_buffer (editor);
  g_autofree char *long_prompt = make_words (VARIETE_MAX_PROMPT_WORDS + 2);
  g_autofree char *buffer_text = NULL;
  GtkTextIter start, end;
  guint notified = 0;
  gulong handler;

  handler = g_signal_connect (fixture->request, "notify::prompt",
                              G_CALLBACK (count_notify_cb), &notified);
  variete_request_set_prompt (fixture->request, long_prompt);
  g_signal_handler_disconnect (fixture->request, handler);
  g_assert_cmpuint (notified, ==, 1);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  buffer_text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_cmpstr (buffer_text, ==, long_prompt);
  g_assert_true (variete_prompt_editor_get_over_limit (editor));

  /* Typing at the cursor, as a person does. */
  gtk_text_buffer_set_text (buffer, "", -1);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "a red fox", -1, TRUE);
  g_assert_cmpstr (variete_request_get_prompt (fixture->request), ==, "a red fox");
  g_assert_false (variete_prompt_editor_get_over_limit (editor));

  variete_request_reset (fixture->request);
  g_assert_cmpstr (variete_prompt_editor_get_text (editor), ==, VARIETE_DEFAULT_PROMPT);
}

/* Resetting the request (what "Reset to defaults" does through GSettings) resets every control. */
static void
test_form_reset (Fixture       *fixture,
                 gconstpointer  data)
{
  VarieteRequest *defaults = variete_request_new ();

  adw_combo_row_set_selected (ADW_COMBO_ROW (control (fixture, "style")), 5);
  gtk_range_set_value (GTK_RANGE (control (fixture, "creativity")), 5);
  gtk_toggle_button_set_active (toggle_at (control (fixture, "size-mode"), 1), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (control (fixture, "width")), 2000);
  gtk_switch_set_active (GTK_SWITCH (control (fixture, "nsfw")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (control (fixture, "webhook")), "http://nope");
  g_assert_false (variete_request_equal (fixture->request, defaults));

  variete_request_reset (fixture->request);
  g_assert_true (variete_request_equal (fixture->request, defaults));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (control (fixture, "style"))), ==, 0);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (control (fixture, "creativity"))), ==,
                     VARIETE_DEFAULT_STRENGTH);
  g_assert_true (gtk_toggle_button_get_active (toggle_at (control (fixture, "size-mode"), 0)));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (control (fixture, "width"))), ==,
                     VARIETE_DEFAULT_SIDE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (control (fixture, "nsfw"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control (fixture, "webhook"))), ==, "");
  g_assert_false (gtk_widget_has_css_class (control (fixture, "webhook"), "error"));
  /* Nothing written back on the way. */
  g_assert_true (variete_request_equal (fixture->request, defaults));

  g_assert_finalize_object (defaults);
}

/* A restored job brings its own request: the form follows it and lets go of the old one. */
static void
test_form_swap_request (Fixture       *fixture,
                        gconstpointer  data)
{
  VarieteRequest *other = variete_request_new ();
  VarieteRequest *first = g_object_ref (fixture->request);

  variete_request_set_processing_mode (other, "3d");
  variete_request_set_prompt (other, "a lighthouse");
  variete_request_set_batch (other, 1);

  variete_form_set_request (fixture->form, other);
  g_assert_false (gtk_widget_is_sensitive (control (fixture, "denoising")));
  g_assert_cmpstr (variete_prompt_editor_get_text (VARIETE_PROMPT_EDITOR (control (fixture, "prompt"))),
                   ==, "a lighthouse");
  g_assert_true (gtk_toggle_button_get_active (toggle_at (control (fixture, "batch"), 0)));

  /* The old request no longer drives the form, nor the form it. */
  variete_request_set_prompt (first, "ignored");
  g_assert_cmpstr (variete_prompt_editor_get_text (VARIETE_PROMPT_EDITOR (control (fixture, "prompt"))),
                   ==, "a lighthouse");
  gtk_range_set_value (GTK_RANGE (control (fixture, "details")), 1);
  g_assert_cmpint (variete_request_get_details (other), ==, 1);
  g_assert_cmpint (variete_request_get_details (first), ==, VARIETE_DEFAULT_STRENGTH);

  variete_form_set_request (fixture->form, first);
  g_assert_cmpstr (variete_prompt_editor_get_text (VARIETE_PROMPT_EDITOR (control (fixture, "prompt"))),
                   ==, "ignored");
  g_assert_true (gtk_widget_is_sensitive (control (fixture, "denoising")));

  g_assert_finalize_object (other);
  g_object_unref (first);
}

/* Mnemonics reach the controls, and Tab leaves a prompt instead of typing a tab. */
static void
test_form_keyboard (Fixture       *fixture,
                    gconstpointer  data)
{
  VarietePromptEditor *prompt = VARIETE_PROMPT_EDITOR (control (fixture, "prompt"));
  VarietePromptEditor *negative = VARIETE_PROMPT_EDITOR (control (fixture, "negative-prompt"));
  GtkWidget *prompt_view = variete_prompt_editor_get_text_view (prompt);
  GtkWidget *negative_view = variete_prompt_editor_get_text_view (negative);
  GtkWidget *scale = control (fixture, "creativity");
  GtkWidget *row = gtk_widget_get_ancestor (scale, VARIETE_TYPE_STRENGTH_ROW);

  gtk_widget_mnemonic_activate (GTK_WIDGET (negative), FALSE);
  g_assert_true (gtk_window_get_focus (fixture->window) == negative_view);

  gtk_widget_grab_focus (prompt_view);
  g_assert_true (gtk_window_get_focus (fixture->window) == prompt_view);
  g_assert_false (gtk_text_view_get_accepts_tab (GTK_TEXT_VIEW (prompt_view)));
  gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD);
  g_assert_true (gtk_window_get_focus (fixture->window) == negative_view);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_mnemonic_activate (row, FALSE));
  g_assert_true (gtk_window_get_focus (fixture->window) == scale);

  /* The denoising slider cannot be reached while its mode ignores it. */
  variete_request_set_processing_mode (fixture->request, "sketch-to-image");
  row = gtk_widget_get_ancestor (control (fixture, "denoising"), VARIETE_TYPE_STRENGTH_ROW);
  gtk_widget_mnemonic_activate (row, FALSE);
  g_assert_false (gtk_window_get_focus (fixture->window) == control (fixture, "denoising"));
}

int
main (int   argc,
      char *argv[])
{
  /* The form needs no OpenGL (GSK_RENDERER=cairo). Without this GDK still probes GLX, and Mesa's
   * swrast driver, unloaded at exit, leaves a 128-byte block that LeakSanitizer reports as ours. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD_TEST ("/form/enum-rows", test_form_enum_rows);
  ADD_TEST ("/form/strength-sliders", test_form_strength_sliders);
  ADD_TEST ("/form/denoising-modes", test_form_denoising_modes);
  ADD_TEST ("/form/batch", test_form_batch);
  ADD_TEST ("/form/size", test_form_size);
  ADD_TEST ("/form/switches", test_form_switches);
  ADD_TEST ("/form/webhook", test_form_webhook);
  ADD_TEST ("/form/word-counters", test_form_word_counters);
  ADD_TEST ("/form/prompt-from-request", test_form_prompt_from_request);
  ADD_TEST ("/form/reset", test_form_reset);
  ADD_TEST ("/form/swap-request", test_form_swap_request);
  ADD_TEST ("/form/keyboard", test_form_keyboard);

#undef ADD_TEST

  return g_test_run ();
}
