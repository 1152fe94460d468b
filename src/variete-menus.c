/* variete-menus.c
 *
 * Menus made when they first open. A GtkMenuButton given a menu model makes its popover at
 * once; windows and lists with many such buttons (one per history row, per result tile) would
 * make them all for menus that are mostly never opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-menus.h"

typedef struct
{
  VarieteMenuBuilder build;
  gpointer           user_data;
} MenuLater;

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  MenuLater *later = user_data;
  g_autoptr(GMenuModel) menu = NULL;

  /* GTK calls this at every popup: once there is a menu, it stays. */
  if (gtk_menu_button_get_menu_model (button) != NULL)
    return;

  menu = later->build (later->user_data);
  gtk_menu_button_set_menu_model (button, menu);
}

/* Gives @button the menu @build returns, the first time it opens. @user_data is passed to
 * @build and must outlive @button. */
void
variete_menu_button_set_menu_later (GtkMenuButton      *button,
                                    VarieteMenuBuilder  build,
                                    gpointer            user_data)
{
  MenuLater *later;

  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (build != NULL);

  later = g_new0 (MenuLater, 1);
  later->build = build;
  later->user_data = user_data;
  gtk_menu_button_set_create_popup_func (button, create_popup_cb, later, g_free);
}
