/* variete-form.c
 *
 * The form artists work in: every control binds to one VarieteRequest (Sysprof greeter pattern).
 * The bindings live in a GBindingGroup and the request's signals in a GSignalGroup, so that
 * swapping the request (a new window, a restored job) moves every binding at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-form.h"
#include "variete-prompt-editor.h"
#include "variete-strength-row.h"

struct _VarieteForm
{
  AdwBin               parent_instance;

  VarieteRequest      *request;
  GBindingGroup       *bindings;
  GSignalGroup        *request_signals;

  VarietePromptEditor *prompt_editor;
  VarietePromptEditor *negative_prompt_editor;

  AdwComboRow         *style_row;
  AdwComboRow         *color_tone_row;
  AdwComboRow         *model_row;
  AdwComboRow         *processing_mode_row;
  AdwComboRow         *prompt_mode_row;

  VarieteStrengthRow  *creativity_row;
  VarieteStrengthRow  *details_row;
  VarieteStrengthRow  *denoising_row;
  GtkSizeGroup        *strength_labels;

  GtkWidget           *batch_box;
  GtkToggleButton     *batch_1_button;
  GtkToggleButton     *batch_2_button;
  GtkWidget           *size_mode_box;
  GtkToggleButton     *aspect_button;
  GtkToggleButton     *custom_button;
  AdwComboRow         *aspect_ratio_row;
  AdwActionRow        *width_row;
  AdwActionRow        *height_row;
  GtkSpinButton       *width_spin;
  GtkSpinButton       *height_spin;
  GtkAdjustment       *width_adjustment;
  GtkAdjustment       *height_adjustment;
  GtkWidget           *size_message_box;
  GtkWidget           *size_message_icon;
  GtkLabel            *size_message_label;

  GtkSwitch           *nsfw_switch;
  GtkSwitch           *transparent_background_switch;
  AdwEntryRow         *webhook_row;
  GtkWidget           *webhook_message_box;
  GtkWidget           *webhook_message_icon;
  GtkLabel            *webhook_message_label;
};

G_DEFINE_FINAL_TYPE (VarieteForm, variete_form, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REQUEST,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

#define FORM_WIDGET(self, offset) (*(GtkWidget **) G_STRUCT_MEMBER_P ((self), (offset)))

/* Every API enum is an AdwComboRow over the labels of its table, bound to the request property of
 * the same name. */
static const struct {
  const char      *property;
  VarieteEnumKind  kind;
  gsize            row_offset;
  gboolean         described;  /* show each value's description */
} enum_fields[] = {
  { "style", VARIETE_ENUM_STYLE, G_STRUCT_OFFSET (VarieteForm, style_row), FALSE },
  { "color-tone", VARIETE_ENUM_COLOR_TONE, G_STRUCT_OFFSET (VarieteForm, color_tone_row), FALSE },
  { "model", VARIETE_ENUM_MODEL, G_STRUCT_OFFSET (VarieteForm, model_row), FALSE },
  { "processing-mode", VARIETE_ENUM_PROCESSING_MODE,
    G_STRUCT_OFFSET (VarieteForm, processing_mode_row), TRUE },
  { "prompt-mode", VARIETE_ENUM_PROMPT_MODE, G_STRUCT_OFFSET (VarieteForm, prompt_mode_row), TRUE },
  { "aspect-ratio", VARIETE_ENUM_ASPECT_RATIO, G_STRUCT_OFFSET (VarieteForm, aspect_ratio_row),
    FALSE },
};

static const struct {
  const char *field;
  gsize       offset;
} controls[] = {
  { "prompt", G_STRUCT_OFFSET (VarieteForm, prompt_editor) },
  { "negative-prompt", G_STRUCT_OFFSET (VarieteForm, negative_prompt_editor) },
  { "style", G_STRUCT_OFFSET (VarieteForm, style_row) },
  { "color-tone", G_STRUCT_OFFSET (VarieteForm, color_tone_row) },
  { "model", G_STRUCT_OFFSET (VarieteForm, model_row) },
  { "processing-mode", G_STRUCT_OFFSET (VarieteForm, processing_mode_row) },
  { "prompt-mode", G_STRUCT_OFFSET (VarieteForm, prompt_mode_row) },
  { "creativity", G_STRUCT_OFFSET (VarieteForm, creativity_row) },
  { "details", G_STRUCT_OFFSET (VarieteForm, details_row) },
  { "denoising", G_STRUCT_OFFSET (VarieteForm, denoising_row) },
  { "batch", G_STRUCT_OFFSET (VarieteForm, batch_box) },
  { "size-mode", G_STRUCT_OFFSET (VarieteForm, size_mode_box) },
  { "aspect-ratio", G_STRUCT_OFFSET (VarieteForm, aspect_ratio_row) },
  { "width", G_STRUCT_OFFSET (VarieteForm, width_spin) },
  { "height", G_STRUCT_OFFSET (VarieteForm, height_spin) },
  { "nsfw", G_STRUCT_OFFSET (VarieteForm, nsfw_switch) },
  { "transparent-background", G_STRUCT_OFFSET (VarieteForm, transparent_background_switch) },
  { "webhook", G_STRUCT_OFFSET (VarieteForm, webhook_row) },
  { "size-message", G_STRUCT_OFFSET (VarieteForm, size_message_box) },
  { "webhook-message", G_STRUCT_OFFSET (VarieteForm, webhook_message_box) },
};

/* Binding transforms */

static gboolean
enum_value_to_selected (GBinding     *binding,
                        const GValue *from_value,
                        GValue       *to_value,
                        gpointer      user_data)
{
  int index = variete_enum_index_of (GPOINTER_TO_UINT (user_data), g_value_get_string (from_value));

  /* A value the API does not know (from an old settings file, say) leaves the dropdown alone;
   * the request's validation reports it. */
  if (index < 0)
    return FALSE;

  g_value_set_uint (to_value, (guint) index);

  return TRUE;
}

static gboolean
selected_to_enum_value (GBinding     *binding,
                        const GValue *from_value,
                        GValue       *to_value,
                        gpointer      user_data)
{
  guint selected = g_value_get_uint (from_value);
  const VarieteEnumValue *values;
  guint n_values;

  values = variete_enum_get_values (GPOINTER_TO_UINT (user_data), &n_values);
  if (selected >= n_values)
    return FALSE;

  g_value_set_string (to_value, values[selected].value);

  return TRUE;
}

/* A grouped toggle button stands for one value of a property: it is active while the property
 * has that value, and only its activation (never its deactivation) writes the value back. */
static gboolean
int_is_value (GBinding     *binding,
              const GValue *from_value,
              GValue       *to_value,
              gpointer      user_data)
{
  g_value_set_boolean (to_value, g_value_get_int (from_value) == GPOINTER_TO_INT (user_data));

  return TRUE;
}

static gboolean
active_to_int (GBinding     *binding,
               const GValue *from_value,
               GValue       *to_value,
               gpointer      user_data)
{
  if (!g_value_get_boolean (from_value))
    return FALSE;

  g_value_set_int (to_value, GPOINTER_TO_INT (user_data));

  return TRUE;
}

static gboolean
string_is_value (GBinding     *binding,
                 const GValue *from_value,
                 GValue       *to_value,
                 gpointer      user_data)
{
  g_value_set_boolean (to_value, g_strcmp0 (g_value_get_string (from_value), user_data) == 0);

  return TRUE;
}

static gboolean
active_to_string (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  if (!g_value_get_boolean (from_value))
    return FALSE;

  g_value_set_string (to_value, user_data);

  return TRUE;
}

static void
bind_enum_row (VarieteForm     *self,
               const char      *property,
               VarieteEnumKind  kind,
               AdwComboRow     *row)
{
  g_binding_group_bind_full (self->bindings, property, row, "selected",
                             G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                             enum_value_to_selected, selected_to_enum_value,
                             GUINT_TO_POINTER (kind), NULL);
}

static void
bind_toggle_to_int (VarieteForm     *self,
                    const char      *property,
                    GtkToggleButton *button,
                    int              value)
{
  g_binding_group_bind_full (self->bindings, property, button, "active",
                             G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                             int_is_value, active_to_int,
                             GINT_TO_POINTER (value), NULL);
}

static void
bind_toggle_to_string (VarieteForm     *self,
                       const char      *property,
                       GtkToggleButton *button,
                       const char      *value)
{
  g_binding_group_bind_full (self->bindings, property, button, "active",
                             G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                             string_is_value, active_to_string,
                             (gpointer) value, NULL);
}

static void
bind_visible_to_string (VarieteForm *self,
                        const char  *property,
                        gpointer     widget,
                        const char  *value)
{
  g_binding_group_bind_full (self->bindings, property, widget, "visible",
                             G_BINDING_SYNC_CREATE,
                             string_is_value, NULL,
                             (gpointer) value, NULL);
}

/* Dropdowns with descriptions */

static const VarieteEnumValue *
enum_row_get_value (AdwComboRow     *row,
                    VarieteEnumKind  kind)
{
  guint selected = adw_combo_row_get_selected (row);
  const VarieteEnumValue *values;
  guint n_values;

  values = variete_enum_get_values (kind, &n_values);

  return selected < n_values ? &values[selected] : NULL;
}

static void
described_row_selected_cb (AdwComboRow *row,
                           GParamSpec  *pspec,
                           gpointer     user_data)
{
  const VarieteEnumValue *value = enum_row_get_value (row, GPOINTER_TO_UINT (user_data));
  const char *description = value ? variete_enum_value_get_description (value) : NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description ? description : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

typedef struct
{
  AdwComboRow     *row;
  VarieteEnumKind  kind;
} DescribedList;

static void
described_item_update_check (AdwComboRow *row,
                             GParamSpec  *pspec,
                             GtkListItem *list_item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (list_item));
  gboolean selected = adw_combo_row_get_selected (row) == gtk_list_item_get_position (list_item);

  gtk_widget_set_opacity (check, selected ? 1.0 : 0.0);
}

static void
described_item_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         DescribedList            *list)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *description = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_xalign (GTK_LABEL (description), 0.0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 34);
  gtk_label_set_width_chars (GTK_LABEL (description), 24);
  gtk_widget_add_css_class (description, "caption");
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Selected"),
                                  -1);

  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), description);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (list_item, box);
}

static void
described_item_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item,
                        DescribedList            *list)
{
  const VarieteEnumValue *values;
  guint n_values;
  guint position = gtk_list_item_get_position (list_item);
  GtkWidget *labels = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *description = gtk_widget_get_last_child (labels);
  gulong handler;

  values = variete_enum_get_values (list->kind, &n_values);
  g_assert (position < n_values);

  gtk_label_set_label (GTK_LABEL (title), variete_enum_value_get_label (&values[position]));
  gtk_label_set_label (GTK_LABEL (description),
                       variete_enum_value_get_description (&values[position]));

  handler = g_signal_connect (list->row, "notify::selected",
                              G_CALLBACK (described_item_update_check), list_item);
  g_object_set_data (G_OBJECT (list_item), "variete-selected-handler", GSIZE_TO_POINTER (handler));
  described_item_update_check (list->row, NULL, list_item);
}

static void
described_item_unbind_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          DescribedList            *list)
{
  gulong handler = GPOINTER_TO_SIZE (g_object_steal_data (G_OBJECT (list_item),
                                                          "variete-selected-handler"));

  if (handler != 0)
    g_signal_handler_disconnect (list->row, handler);
}

static void
current_item_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (list_item, label);
}

static void
current_item_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       gtk_string_object_get_string (item));
}

/* The popover of @row lists each value with its description, to help choosing; the row shows
 * the value unabridged, because a long description in the subtitle would otherwise squeeze it
 * to an ellipsis. */
static void
set_described_list_factory (AdwComboRow     *row,
                            VarieteEnumKind  kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) current_factory = gtk_signal_list_item_factory_new ();
  DescribedList *list = g_new0 (DescribedList, 1);

  list->row = row;
  list->kind = kind;

  g_signal_connect (factory, "setup", G_CALLBACK (described_item_setup_cb), list);
  g_signal_connect (factory, "bind", G_CALLBACK (described_item_bind_cb), list);
  g_signal_connect (factory, "unbind", G_CALLBACK (described_item_unbind_cb), list);
  g_object_set_data_full (G_OBJECT (factory), "variete-described-list", list, g_free);

  adw_combo_row_set_list_factory (row, factory);

  g_signal_connect (current_factory, "setup", G_CALLBACK (current_item_setup_cb), NULL);
  g_signal_connect (current_factory, "bind", G_CALLBACK (current_item_bind_cb), NULL);
  adw_combo_row_set_factory (row, current_factory);
}

static void
setup_enum_row (AdwComboRow     *row,
                VarieteEnumKind  kind,
                gboolean         described)
{
  g_auto(GStrv) labels = variete_enum_dup_labels (kind);
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) labels);

  adw_combo_row_set_model (row, G_LIST_MODEL (model));

  if (described)
    {
      set_described_list_factory (row, kind);
      g_signal_connect (row, "notify::selected",
                        G_CALLBACK (described_row_selected_cb), GUINT_TO_POINTER (kind));
      described_row_selected_cb (row, NULL, GUINT_TO_POINTER (kind));
    }
}

/* Spin buttons */

static void
setup_side_spin (GtkSpinButton *spin,
                 GtkAdjustment *adjustment)
{
  gtk_adjustment_configure (adjustment,
                            VARIETE_DEFAULT_SIDE,
                            VARIETE_MIN_SIDE, VARIETE_MAX_SIDE,
                            8, 64, 0);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
}

/* A row's mnemonic moves the focus to its control rather than activating the row, for rows that
 * are not activatable (spin buttons, toggle groups). */
static gboolean
row_mnemonic_activate_cb (GtkWidget *control,
                          gboolean   group_cycling,
                          GtkWidget *row)
{
  if (!gtk_widget_get_sensitive (control))
    return FALSE;

  if (!gtk_widget_grab_focus (control))
    gtk_widget_child_focus (control, GTK_DIR_TAB_FORWARD);

  return TRUE;
}

/* Live checks */

static void
set_message (GtkWidget  *box,
             GtkWidget  *icon,
             GtkLabel   *label,
             const char *text,
             gboolean    is_error)
{
  gtk_label_set_label (label, text);
  gtk_widget_set_visible (icon, is_error);

  if (is_error)
    {
      gtk_widget_remove_css_class (box, "dim-label");
      gtk_widget_add_css_class (box, "error");
    }
  else
    {
      gtk_widget_remove_css_class (box, "error");
      gtk_widget_add_css_class (box, "dim-label");
    }
}

static void
set_error_class (gpointer widget,
                 gboolean is_error)
{
  if (is_error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* The custom size shows its area against the limit, and what to do when it is over. */
static void
update_size_message (VarieteForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean custom;
  int width, height;

  custom = self->request != NULL &&
           g_strcmp0 (variete_request_get_size_mode (self->request), VARIETE_SIZE_MODE_CUSTOM) == 0;
  gtk_widget_set_visible (self->size_message_box, custom);

  if (!custom)
    {
      set_error_class (self->width_spin, FALSE);
      set_error_class (self->height_spin, FALSE);
      return;
    }

  width = variete_request_get_width (self->request);
  height = variete_request_get_height (self->request);

  if (variete_request_validate_size (width, height, &error))
    {
      g_autofree char *area = variete_format_grouped ((gint64) width * height);
      g_autofree char *limit = variete_format_grouped (VARIETE_MAX_AREA);

      /* Translators: "1024 × 1024 = 1,048,576 px, within the 1,478,656 px limit" */
      text = g_strdup_printf (_("%d × %d = %s px, within the %s px limit"),
                              width, height, area, limit);
    }

  set_message (self->size_message_box, self->size_message_icon, self->size_message_label,
               error ? error->message : text, error != NULL);
  set_error_class (self->width_spin, error != NULL);
  set_error_class (self->height_spin, error != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->width_spin),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error ? error->message : text,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->height_spin),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error ? error->message : text,
                                  -1);
}

static void
update_webhook_message (VarieteForm *self)
{
  g_autoptr(GError) error = NULL;
  const char *hint = _("Optional: the server posts the finished artwork to this https:// address");
  const char *webhook = self->request ? variete_request_get_webhook (self->request) : NULL;

  variete_request_validate_webhook (webhook, &error);

  set_message (self->webhook_message_box, self->webhook_message_icon,
               self->webhook_message_label, error ? error->message : hint, error != NULL);
  set_error_class (self->webhook_row, error != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->webhook_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error ? error->message : hint,
                                  -1);
}

/* Denoising is ignored by some processing modes: grey it out and say why. */
static void
update_denoising (VarieteForm *self)
{
  gboolean uses_denoising = self->request == NULL ||
                            variete_request_get_uses_denoising (self->request);
  const char *subtitle = uses_denoising
    ? _("How far the picture may move away from the source")
    : _("This mode always uses full generation");

  gtk_widget_set_sensitive (GTK_WIDGET (self->denoising_row), uses_denoising);
  variete_strength_row_set_subtitle (self->denoising_row, subtitle);
}

static void
update_all (VarieteForm *self)
{
  update_size_message (self);
  update_webhook_message (self);
  update_denoising (self);
}

/* Public API */

VarieteRequest *
variete_form_get_request (VarieteForm *self)
{
  g_return_val_if_fail (VARIETE_IS_FORM (self), NULL);

  return self->request;
}

void
variete_form_set_request (VarieteForm    *self,
                          VarieteRequest *request)
{
  g_return_if_fail (VARIETE_IS_FORM (self));
  g_return_if_fail (!request || VARIETE_IS_REQUEST (request));

  if (!g_set_object (&self->request, request))
    return;

  g_binding_group_set_source (self->bindings, request);
  g_signal_group_set_target (self->request_signals, request);
  update_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REQUEST]);
}

GtkWidget *
variete_form_get_control (VarieteForm *self,
                          const char  *field)
{
  g_return_val_if_fail (VARIETE_IS_FORM (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "denoising-row"))
    return GTK_WIDGET (self->denoising_row);

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      if (g_str_equal (controls[i].field, field))
        {
          GtkWidget *widget = FORM_WIDGET (self, controls[i].offset);

          if (VARIETE_IS_STRENGTH_ROW (widget))
            return variete_strength_row_get_scale (VARIETE_STRENGTH_ROW (widget));

          return widget;
        }
    }

  g_return_val_if_reached (NULL);
}

/* GObject */

static void
variete_form_dispose (GObject *object)
{
  VarieteForm *self = VARIETE_FORM (object);

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->request_signals != NULL)
    g_signal_group_set_target (self->request_signals, NULL);
  g_clear_object (&self->bindings);
  g_clear_object (&self->request_signals);
  g_clear_object (&self->request);
  g_clear_object (&self->strength_labels);

  gtk_widget_dispose_template (GTK_WIDGET (self), VARIETE_TYPE_FORM);

  G_OBJECT_CLASS (variete_form_parent_class)->dispose (object);
}

static void
variete_form_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VarieteForm *self = VARIETE_FORM (object);

  switch (prop_id)
    {
    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_form_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VarieteForm *self = VARIETE_FORM (object);

  switch (prop_id)
    {
    case PROP_REQUEST:
      variete_form_set_request (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_form_class_init (VarieteFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = variete_form_dispose;
  object_class->get_property = variete_form_get_property;
  object_class->set_property = variete_form_set_property;

  properties [PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL,
                         VARIETE_TYPE_REQUEST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-form.ui");
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, prompt_editor);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, negative_prompt_editor);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, style_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, color_tone_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, model_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, processing_mode_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, prompt_mode_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, creativity_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, details_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, denoising_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, batch_box);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, batch_1_button);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, batch_2_button);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, size_mode_box);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, aspect_button);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, custom_button);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, aspect_ratio_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, width_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, height_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, width_spin);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, height_spin);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, width_adjustment);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, height_adjustment);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, size_message_box);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, size_message_icon);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, size_message_label);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, nsfw_switch);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, transparent_background_switch);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, webhook_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, webhook_message_box);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, webhook_message_icon);
  gtk_widget_class_bind_template_child (widget_class, VarieteForm, webhook_message_label);
  gtk_widget_class_bind_template_callback (widget_class, row_mnemonic_activate_cb);

  g_type_ensure (VARIETE_TYPE_PROMPT_EDITOR);
  g_type_ensure (VARIETE_TYPE_STRENGTH_ROW);
}

static void
variete_form_init (VarieteForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  variete_prompt_editor_set_max_words (self->prompt_editor, VARIETE_MAX_PROMPT_WORDS);
  variete_prompt_editor_set_max_words (self->negative_prompt_editor,
                                       VARIETE_MAX_NEGATIVE_PROMPT_WORDS);

  self->strength_labels = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  variete_strength_row_add_labels_to_size_group (self->creativity_row, self->strength_labels);
  variete_strength_row_add_labels_to_size_group (self->details_row, self->strength_labels);
  variete_strength_row_add_labels_to_size_group (self->denoising_row, self->strength_labels);

  setup_side_spin (self->width_spin, self->width_adjustment);
  setup_side_spin (self->height_spin, self->height_adjustment);

  self->bindings = g_binding_group_new ();

  g_binding_group_bind (self->bindings, "prompt", self->prompt_editor, "text",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "negative-prompt", self->negative_prompt_editor, "text",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  for (guint i = 0; i < G_N_ELEMENTS (enum_fields); i++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (FORM_WIDGET (self, enum_fields[i].row_offset));

      setup_enum_row (row, enum_fields[i].kind, enum_fields[i].described);
      bind_enum_row (self, enum_fields[i].property, enum_fields[i].kind, row);
    }

  g_binding_group_bind (self->bindings, "creativity", self->creativity_row, "value",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "details", self->details_row, "value",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "denoising", self->denoising_row, "value",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  bind_toggle_to_int (self, "batch", self->batch_1_button, 1);
  bind_toggle_to_int (self, "batch", self->batch_2_button, 2);
  bind_toggle_to_string (self, "size-mode", self->aspect_button, VARIETE_SIZE_MODE_ASPECT);
  bind_toggle_to_string (self, "size-mode", self->custom_button, VARIETE_SIZE_MODE_CUSTOM);
  bind_visible_to_string (self, "size-mode", self->aspect_ratio_row, VARIETE_SIZE_MODE_ASPECT);
  bind_visible_to_string (self, "size-mode", self->width_row, VARIETE_SIZE_MODE_CUSTOM);
  bind_visible_to_string (self, "size-mode", self->height_row, VARIETE_SIZE_MODE_CUSTOM);
  g_binding_group_bind (self->bindings, "width", self->width_adjustment, "value",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "height", self->height_adjustment, "value",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_binding_group_bind (self->bindings, "nsfw", self->nsfw_switch, "active",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "transparent-background",
                        self->transparent_background_switch, "active",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "webhook", self->webhook_row, "text",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->request_signals = g_signal_group_new (VARIETE_TYPE_REQUEST);
  g_signal_group_connect_object (self->request_signals, "notify::size-mode",
                                 G_CALLBACK (update_size_message), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->request_signals, "notify::width",
                                 G_CALLBACK (update_size_message), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->request_signals, "notify::height",
                                 G_CALLBACK (update_size_message), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->request_signals, "notify::webhook",
                                 G_CALLBACK (update_webhook_message), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->request_signals, "notify::uses-denoising",
                                 G_CALLBACK (update_denoising), self, G_CONNECT_SWAPPED);

  update_all (self);
}
