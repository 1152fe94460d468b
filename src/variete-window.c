/* variete-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-a11y.h"
#include "variete-menus.h"
#include "variete-settings.h"
#include "variete-window-private.h"

G_DEFINE_FINAL_TYPE (VarieteWindow, variete_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SOURCE_FILE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

VarieteWindow *
variete_window_new (VarieteApplication *application)
{
  VarieteWindow *self;

  g_return_val_if_fail (VARIETE_IS_APPLICATION (application), NULL);

  self = g_object_new (VARIETE_TYPE_WINDOW,
                       "application", application,
                       NULL);

  g_signal_connect_object (application, "notify::connection",
                           G_CALLBACK (variete_window_connection_changed), self, G_CONNECT_SWAPPED);
  variete_window_connection_changed (self);

  return self;
}

GFile *
variete_window_get_source_file (VarieteWindow *self)
{
  g_return_val_if_fail (VARIETE_IS_WINDOW (self), NULL);

  return self->source_file;
}

/* For tests and tools: the header bar's Generate button (its tooltip says what is missing). */
GtkWidget *
variete_window_get_generate_button (VarieteWindow *self)
{
  g_return_val_if_fail (VARIETE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->generate_button);
}

/* "loading", "onboarding" or "main". */
const char *
variete_window_get_page_name (VarieteWindow *self)
{
  g_return_val_if_fail (VARIETE_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

VarieteRequest *
variete_window_get_request (VarieteWindow *self)
{
  g_return_val_if_fail (VARIETE_IS_WINDOW (self), NULL);

  return self->request;
}

/* Wide: the form scrolls on the left, the source and results stand beside it. Narrow: one
 * scrolling column, the form first and the source and results below it. */
static void
apply_layout (VarieteWindow *self,
              gboolean       narrow)
{
  GtkWidget *canvas = GTK_WIDGET (self->canvas_box);
  GtkWidget *parent = gtk_widget_get_parent (canvas);
  GtkWidget *wanted = narrow ? GTK_WIDGET (self->form_column) : GTK_WIDGET (self->content_box);

  self->narrow = narrow;

  if (parent == wanted)
    return;

  g_object_ref (canvas);
  gtk_box_remove (GTK_BOX (parent), canvas);
  gtk_box_append (GTK_BOX (wanted), canvas);
  g_object_unref (canvas);

  gtk_widget_set_visible (GTK_WIDGET (self->content_separator), !narrow);
  gtk_widget_set_vexpand (canvas, !narrow);
  /* In the scrolling column the source would shrink to nothing without a height of its own. */
  gtk_widget_set_size_request (GTK_WIDGET (self->source_view), -1, narrow ? 300 : -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->form_scroller), narrow ? -1 : 400, -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->form_scroller), narrow);
  if (narrow)
    gtk_widget_add_css_class (canvas, "narrow");
  else
    gtk_widget_remove_css_class (canvas, "narrow");
}

static gboolean
apply_layout_cb (gpointer data)
{
  VarieteWindow *self = data;

  self->layout_idle_id = 0;
  apply_layout (self, gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH);

  return G_SOURCE_REMOVE;
}

static void
variete_window_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  VarieteWindow *self = VARIETE_WINDOW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (variete_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* Changing the layout inside an allocation would re-enter it: do it right after. */
  if (narrow != self->narrow && self->layout_idle_id == 0)
    self->layout_idle_id = g_idle_add (apply_layout_cb, self);
}

void
variete_window_open_source (VarieteWindow *self,
                            GFile         *file)
{
  g_return_if_fail (VARIETE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* The same file again is loaded again: the artist may have fixed it since. */
  g_set_object (&self->source_file, file);
  variete_source_view_load_file (self->source_view, file);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE_FILE]);
}

static void
load_window_state (VarieteWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 360));
  /* Start in the layout that fits, so a narrow window can open at its narrow size. */
  apply_layout (self, width < NARROW_WIDTH);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (VarieteWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* A maximised size is not the size the artist chose: keep the last one. */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
variete_window_close_request (GtkWindow *window)
{
  save_window_state (VARIETE_WINDOW (window));

  return GTK_WINDOW_CLASS (variete_window_parent_class)->close_request (window);
}

static void
variete_window_constructed (GObject *object)
{
  VarieteWindow *self = VARIETE_WINDOW (object);

  G_OBJECT_CLASS (variete_window_parent_class)->constructed (object);

  load_window_state (self);
}

static void
variete_window_dispose (GObject *object)
{
  VarieteWindow *self = VARIETE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->layout_idle_id, g_source_remove);
  variete_window_clear_job (self);
  if (self->request != NULL)
    g_signal_handlers_disconnect_by_data (self->request, self);

  /* Not a template child: the stack owns it, if it was ever made. */
  self->onboarding = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), VARIETE_TYPE_WINDOW);

  G_OBJECT_CLASS (variete_window_parent_class)->dispose (object);
}

static void
variete_window_finalize (GObject *object)
{
  VarieteWindow *self = VARIETE_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->source_file);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (variete_window_parent_class)->finalize (object);
}

static void
variete_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VarieteWindow *self = VARIETE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SOURCE_FILE:
      g_value_set_object (value, self->source_file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_window_class_init (VarieteWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = variete_window_constructed;
  object_class->dispose = variete_window_dispose;
  object_class->finalize = variete_window_finalize;
  object_class->get_property = variete_window_get_property;

  widget_class->size_allocate = variete_window_size_allocate;

  window_class->close_request = variete_window_close_request;

  properties [PROP_SOURCE_FILE] =
    g_param_spec_object ("source-file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, form_column);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, content_separator);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, canvas_box);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, form);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, source_view);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, generate_button);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, results_view);

  g_type_ensure (VARIETE_TYPE_FORM);
  g_type_ensure (VARIETE_TYPE_RESULTS_VIEW);
  g_type_ensure (VARIETE_TYPE_SOURCE_VIEW);
}

static void
add_shortcuts (VarieteWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  struct { const char *trigger; const char *action; } shortcuts[] = {
    { "<Control>Return", "win.generate" },
    { "<Control>KP_Enter", "win.generate" },
    { "<Control>o", "win.open-source" },
    { "<Control>h", "win.history" },
    /* Bubble phase: a focused text field pastes text itself; elsewhere Ctrl+V pastes a source. */
    { "<Control>v", "win.paste-source" },
    { "Escape", "win.cancel" },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                                                            gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* The main menu's popover is made when it first opens, not with the window. */
static GMenuModel *
dup_primary_menu (gpointer user_data)
{
  VarieteWindow *self = user_data;

  return g_object_ref (self->primary_menu);
}

static void
variete_window_init (VarieteWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  variete_a11y_fix_button_names (GTK_WIDGET (self));
  variete_menu_button_set_menu_later (self->primary_menu_button, dup_primary_menu, self);

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  self->request = variete_request_new ();
  variete_settings_bind_request (self->settings, self->request);
  variete_form_set_request (self->form, self->request);

  variete_window_add_actions (self);
  add_shortcuts (self);
}
