/* variete-a11y.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void variete_a11y_fix_button_names    (GtkWidget *widget);
void variete_a11y_name_tooltip_buttons (GtkWidget *widget);

G_END_DECLS
