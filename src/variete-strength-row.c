/* variete-strength-row.c
 *
 * A list row holding one 1–5 strength of the API (creativity, details, denoising): the title and
 * an optional subtitle, with the slider underneath between its two end labels, so that it fits
 * a phone-width window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-enums.h"
#include "variete-strength-row.h"

struct _VarieteStrengthRow
{
  AdwPreferencesRow  parent_instance;

  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkLabel          *value_label;
  GtkLabel          *start_label;
  GtkLabel          *end_label;
  GtkScale          *scale;
  GtkAdjustment     *adjustment;
};

G_DEFINE_FINAL_TYPE (VarieteStrengthRow, variete_strength_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_SUBTITLE,
  PROP_START_LABEL,
  PROP_END_LABEL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

GtkWidget *
variete_strength_row_new (void)
{
  return g_object_new (VARIETE_TYPE_STRENGTH_ROW, NULL);
}

/* The slider's description for screen readers: the subtitle, then what the ends mean. */
static void
update_description (VarieteStrengthRow *self)
{
  g_autofree char *range = NULL;
  g_autofree char *description = NULL;
  const char *subtitle = gtk_label_get_label (self->subtitle_label);

  /* Translators: the ends of a slider, e.g. "From 1, Faithful, to 5, Inventive". */
  range = g_strdup_printf (_("From %d, %s, to %d, %s"),
                           VARIETE_MIN_STRENGTH, gtk_label_get_label (self->start_label),
                           VARIETE_MAX_STRENGTH, gtk_label_get_label (self->end_label));

  if (subtitle[0] != '\0')
    /* Translators: a slider's subtitle, then its range. */
    description = g_strdup_printf (_("%s. %s"), subtitle, range);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : range,
                                  -1);
}

static void
scale_value_changed_cb (VarieteStrengthRow *self)
{
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;
  int value = variete_strength_row_get_value (self);

  number = g_strdup_printf ("%d", value);
  gtk_label_set_label (self->value_label, number);

  /* Screen readers say "3 of 5" rather than a bare number. */
  /* Translators: the value of a 1–5 slider, e.g. "3 of 5". */
  text = g_strdup_printf (_("%d of %d"), value, VARIETE_MAX_STRENGTH);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VALUE]);
}

int
variete_strength_row_get_value (VarieteStrengthRow *self)
{
  g_return_val_if_fail (VARIETE_IS_STRENGTH_ROW (self), 0);

  return (int) gtk_adjustment_get_value (self->adjustment);
}

/* Values out of the API's range are clamped to it. */
void
variete_strength_row_set_value (VarieteStrengthRow *self,
                                int                 value)
{
  g_return_if_fail (VARIETE_IS_STRENGTH_ROW (self));

  /* The adjustment's "value-changed" notifies. */
  gtk_adjustment_set_value (self->adjustment, value);
}

const char *
variete_strength_row_get_subtitle (VarieteStrengthRow *self)
{
  g_return_val_if_fail (VARIETE_IS_STRENGTH_ROW (self), NULL);

  return gtk_label_get_label (self->subtitle_label);
}

void
variete_strength_row_set_subtitle (VarieteStrengthRow *self,
                                   const char         *subtitle)
{
  g_return_if_fail (VARIETE_IS_STRENGTH_ROW (self));

  if (subtitle == NULL)
    subtitle = "";

  if (g_strcmp0 (subtitle, gtk_label_get_label (self->subtitle_label)) == 0)
    return;

  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle[0] != '\0');
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUBTITLE]);
}

const char *
variete_strength_row_get_start_label (VarieteStrengthRow *self)
{
  g_return_val_if_fail (VARIETE_IS_STRENGTH_ROW (self), NULL);

  return gtk_label_get_label (self->start_label);
}

/* What the lowest value means, e.g. "Faithful". */
void
variete_strength_row_set_start_label (VarieteStrengthRow *self,
                                      const char         *start_label)
{
  g_return_if_fail (VARIETE_IS_STRENGTH_ROW (self));

  if (g_strcmp0 (start_label, gtk_label_get_label (self->start_label)) == 0)
    return;

  gtk_label_set_label (self->start_label, start_label);
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_START_LABEL]);
}

const char *
variete_strength_row_get_end_label (VarieteStrengthRow *self)
{
  g_return_val_if_fail (VARIETE_IS_STRENGTH_ROW (self), NULL);

  return gtk_label_get_label (self->end_label);
}

/* What the highest value means, e.g. "Inventive". */
void
variete_strength_row_set_end_label (VarieteStrengthRow *self,
                                    const char         *end_label)
{
  g_return_if_fail (VARIETE_IS_STRENGTH_ROW (self));

  if (g_strcmp0 (end_label, gtk_label_get_label (self->end_label)) == 0)
    return;

  gtk_label_set_label (self->end_label, end_label);
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_END_LABEL]);
}

/* Returns: (transfer none): the slider, the control that takes the focus */
GtkWidget *
variete_strength_row_get_scale (VarieteStrengthRow *self)
{
  g_return_val_if_fail (VARIETE_IS_STRENGTH_ROW (self), NULL);

  return GTK_WIDGET (self->scale);
}

/* Rows whose end labels share @group line their sliders up. */
void
variete_strength_row_add_labels_to_size_group (VarieteStrengthRow *self,
                                               GtkSizeGroup       *group)
{
  g_return_if_fail (VARIETE_IS_STRENGTH_ROW (self));
  g_return_if_fail (GTK_IS_SIZE_GROUP (group));

  gtk_size_group_add_widget (group, GTK_WIDGET (self->start_label));
  gtk_size_group_add_widget (group, GTK_WIDGET (self->end_label));
}

static gboolean
variete_strength_row_mnemonic_activate (GtkWidget *widget,
                                        gboolean   group_cycling)
{
  VarieteStrengthRow *self = VARIETE_STRENGTH_ROW (widget);

  return gtk_widget_mnemonic_activate (GTK_WIDGET (self->scale), group_cycling);
}

static void
variete_strength_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VARIETE_TYPE_STRENGTH_ROW);

  G_OBJECT_CLASS (variete_strength_row_parent_class)->dispose (object);
}

static void
variete_strength_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VarieteStrengthRow *self = VARIETE_STRENGTH_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int (value, variete_strength_row_get_value (self));
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, variete_strength_row_get_subtitle (self));
      break;

    case PROP_START_LABEL:
      g_value_set_string (value, variete_strength_row_get_start_label (self));
      break;

    case PROP_END_LABEL:
      g_value_set_string (value, variete_strength_row_get_end_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_strength_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VarieteStrengthRow *self = VARIETE_STRENGTH_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      variete_strength_row_set_value (self, g_value_get_int (value));
      break;

    case PROP_SUBTITLE:
      variete_strength_row_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_START_LABEL:
      variete_strength_row_set_start_label (self, g_value_get_string (value));
      break;

    case PROP_END_LABEL:
      variete_strength_row_set_end_label (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_strength_row_class_init (VarieteStrengthRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = variete_strength_row_dispose;
  object_class->get_property = variete_strength_row_get_property;
  object_class->set_property = variete_strength_row_set_property;

  widget_class->mnemonic_activate = variete_strength_row_mnemonic_activate;

  properties [PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL,
                      G_MININT, G_MAXINT, VARIETE_DEFAULT_STRENGTH,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_START_LABEL] =
    g_param_spec_string ("start-label", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_END_LABEL] =
    g_param_spec_string ("end-label", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-strength-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VarieteStrengthRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VarieteStrengthRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VarieteStrengthRow, value_label);
  gtk_widget_class_bind_template_child (widget_class, VarieteStrengthRow, start_label);
  gtk_widget_class_bind_template_child (widget_class, VarieteStrengthRow, end_label);
  gtk_widget_class_bind_template_child (widget_class, VarieteStrengthRow, scale);
  gtk_widget_class_bind_template_child (widget_class, VarieteStrengthRow, adjustment);
  gtk_widget_class_bind_template_callback (widget_class, scale_value_changed_cb);
}

static void
variete_strength_row_init (VarieteStrengthRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_adjustment_configure (self->adjustment,
                            VARIETE_DEFAULT_STRENGTH,
                            VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH,
                            1, 1, 0);
  for (int value = VARIETE_MIN_STRENGTH; value <= VARIETE_MAX_STRENGTH; value++)
    gtk_scale_add_mark (self->scale, value, GTK_POS_BOTTOM, NULL);

  scale_value_changed_cb (self);
  update_description (self);
}
