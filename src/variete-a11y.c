/* variete-a11y.c
 *
 * Mends what GTK 4.8 and libadwaita 1.2 tell screen readers about some of their own widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-a11y.h"

/* GTK 4.8 names a labelled button twice, by its raw label and by the labels that name it: its
 * mnemonic label ("_Connect Connect" for a screen reader) or the title of the row it activates
 * ("Reset Reset the Form"). The labels alone name it right. Applies to @widget and below. */
void
variete_a11y_fix_button_names (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    variete_a11y_fix_button_names (child);
}

/* libadwaita 1.2 leaves the show-text button of a password row without an accessible name (a
 * screen reader hears "GtkImage"): name buttons below @widget after their tooltip, which
 * libadwaita translates. */
void
variete_a11y_name_tooltip_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (child);

      if (GTK_IS_BUTTON (child) && tooltip != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                        -1);
      else
        variete_a11y_name_tooltip_buttons (child);
    }
}
