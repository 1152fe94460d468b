/* variete-menus.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Returns: (transfer full): a menu */
typedef GMenuModel *(*VarieteMenuBuilder) (gpointer user_data);

void variete_menu_button_set_menu_later (GtkMenuButton      *button,
                                         VarieteMenuBuilder  build,
                                         gpointer            user_data);

G_END_DECLS
