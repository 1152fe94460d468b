/* variete-test-gtk.c
 *
 * Finding the widgets and windows a UI test drives, by type, style class or name, and waiting
 * for a window to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-test-gtk.h"
#include "variete-test-utils.h"

/* Depth first, @widget itself included; a %NULL @css_class or @name matches any. */
static GtkWidget *
find_first (GtkWidget  *widget,
            GType       type,
            const char *css_class,
            const char *name)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, type, css_class, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Returns: (nullable) (transfer none): the first of @widget and its descendants that is a
 *   @type and, unless @css_class is %NULL, has that style class */
GtkWidget *
variete_test_find_descendant (GtkWidget  *widget,
                              GType       type,
                              const char *css_class)
{
  return find_first (widget, type, css_class, NULL);
}

/* Returns: (nullable) (transfer none): the first of @widget and its descendants named @name */
GtkWidget *
variete_test_find_named (GtkWidget  *widget,
                         const char *name)
{
  return find_first (widget, GTK_TYPE_WIDGET, NULL, name);
}

static void
collect_all (GtkWidget *widget,
             GType      type,
             GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_type_is_a (G_OBJECT_TYPE (child), type))
        g_ptr_array_add (found, child);
      collect_all (child, type, found);
    }
}

/* Returns: (transfer container) (element-type GtkWidget): the descendants of @widget (not
 *   @widget itself) that are a @type, depth first */
GPtrArray *
variete_test_find_all (GtkWidget *widget,
                       GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_all (widget, type, found);

  return found;
}

/* Returns: (nullable) (transfer none): a visible toplevel window that is a @type */
GtkWindow *
variete_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
toplevel_shown (gpointer type)
{
  return variete_test_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

/* Runs the main context until a toplevel window that is a @type shows, failing the test after
 * @timeout_seconds.
 *
 * Returns: (transfer none): that window */
GtkWindow *
variete_test_wait_for_toplevel (GType type,
                                guint timeout_seconds)
{
  variete_test_spin_until (toplevel_shown, GSIZE_TO_POINTER (type), timeout_seconds);

  return variete_test_find_toplevel (type);
}

/* Registers @app on the session bus and keeps it alive while the tests open and close its
 * windows. */
void
variete_test_app_start (GApplication *app)
{
  g_autoptr(GError) error = NULL;

  g_application_hold (app);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);
}

/* Destroys the window @app still shows, if any, lets @app go and quit, and runs its last
 * sources. GApplication keeps itself alive while it is exported on the bus: the caller drops its
 * own reference after. */
void
variete_test_app_stop (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    gtk_window_destroy (window);
  g_application_release (app);
  g_application_quit (app);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
