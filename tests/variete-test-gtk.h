/* variete-test-gtk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *variete_test_find_descendant   (GtkWidget  *widget,
                                           GType       type,
                                           const char *css_class);
GtkWidget *variete_test_find_named        (GtkWidget  *widget,
                                           const char *name);
GPtrArray *variete_test_find_all          (GtkWidget  *widget,
                                           GType       type);
GtkWindow *variete_test_find_toplevel     (GType       type);
GtkWindow *variete_test_wait_for_toplevel (GType       type,
                                           guint       timeout_seconds);

void       variete_test_app_start         (GApplication *app);
void       variete_test_app_stop          (GApplication *app);

G_END_DECLS
