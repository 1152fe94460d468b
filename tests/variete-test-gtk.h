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

G_END_DECLS
