/* variete-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-window.h"

struct _VarieteWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  GFile                *source_file;

  AdwToastOverlay      *toast_overlay;
  AdwStatusPage        *empty_page;
};

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
  g_return_val_if_fail (VARIETE_IS_APPLICATION (application), NULL);

  return g_object_new (VARIETE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

GFile *
variete_window_get_source_file (VarieteWindow *self)
{
  g_return_val_if_fail (VARIETE_IS_WINDOW (self), NULL);

  return self->source_file;
}

void
variete_window_open_source (VarieteWindow *self,
                            GFile         *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (VARIETE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->source_file != NULL && g_file_equal (self->source_file, file))
    return;

  g_set_object (&self->source_file, file);

  name = g_file_get_basename (file);
  adw_status_page_set_description (self->empty_page, name);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE_FILE]);
}

static void
load_window_state (VarieteWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 360));

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

  window_class->close_request = variete_window_close_request;

  properties [PROP_SOURCE_FILE] =
    g_param_spec_object ("source-file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VarieteWindow, empty_page);
}

static void
variete_window_init (VarieteWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
}
