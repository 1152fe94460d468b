/* variete-compare-window.c
 *
 * A result large, over its source, with a before/after split to drag.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-compare-view.h"
#include "variete-compare-window.h"
#include "variete-image-loader.h"

/* The result is decoded at most this large (times the scale factor): a screen's worth. */
#define FULL_VIEW_SIZE 2048

struct _VarieteCompareWindow
{
  AdwWindow           parent_instance;

  GCancellable       *cancellable;
  GFile              *result_file;

  AdwWindowTitle     *window_title;
  GtkSpinner         *spinner;
  VarieteCompareView *compare_view;
  GtkScale           *scale;
  GtkAdjustment      *adjustment;
};

G_DEFINE_FINAL_TYPE (VarieteCompareWindow, variete_compare_window, ADW_TYPE_WINDOW)

static void
result_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VarieteCompareWindow) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = variete_image_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);

  /* The preview stays: the view is still useful without the sharper image. */
  if (texture == NULL)
    {
      g_warning ("Could not load a result: %s", error->message);
      return;
    }

  variete_compare_view_set_after (self->compare_view, GDK_PAINTABLE (texture));
}

static void
load_result (VarieteCompareWindow *self)
{
  int scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  variete_image_load_async (self->result_file, FULL_VIEW_SIZE * scale, self->cancellable,
                            result_loaded_cb, g_object_ref (self));
}

/**
 * variete_compare_window_new:
 * @source: (nullable): the source image
 * @result_preview: (nullable): the result at any size, shown until @result_file is decoded
 * @result_file: (nullable): the saved result
 * @title: (nullable): what the result is called ("Result 1")
 *
 * Returns: (transfer full): a new window; present it
 */
VarieteCompareWindow *
variete_compare_window_new (GdkPaintable *source,
                            GdkPaintable *result_preview,
                            GFile        *result_file,
                            const char   *title)
{
  VarieteCompareWindow *self;

  g_return_val_if_fail (source == NULL || GDK_IS_PAINTABLE (source), NULL);
  g_return_val_if_fail (result_preview == NULL || GDK_IS_PAINTABLE (result_preview), NULL);
  g_return_val_if_fail (result_file == NULL || G_IS_FILE (result_file), NULL);

  self = g_object_new (VARIETE_TYPE_COMPARE_WINDOW, NULL);

  variete_compare_view_set_before (self->compare_view, source);
  variete_compare_view_set_after (self->compare_view, result_preview);

  if (title != NULL)
    {
      g_autofree char *window_title = g_strdup_printf (_("Compare %s"), title);

      gtk_window_set_title (GTK_WINDOW (self), window_title);
      adw_window_title_set_title (self->window_title, title);
    }

  if (result_file != NULL)
    {
      g_autofree char *name = g_file_get_basename (result_file);

      self->result_file = g_object_ref (result_file);
      adw_window_title_set_subtitle (self->window_title, name);
      load_result (self);
    }

  return self;
}

double
variete_compare_window_get_position (VarieteCompareWindow *self)
{
  g_return_val_if_fail (VARIETE_IS_COMPARE_WINDOW (self), 0.5);

  return variete_compare_view_get_position (self->compare_view);
}

/* Moves the split: 0 shows only the result, 1 only the source. */
void
variete_compare_window_set_position (VarieteCompareWindow *self,
                                     double                position)
{
  g_return_if_fail (VARIETE_IS_COMPARE_WINDOW (self));

  variete_compare_view_set_position (self->compare_view, position);
}

static void
variete_compare_window_dispose (GObject *object)
{
  VarieteCompareWindow *self = VARIETE_COMPARE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), VARIETE_TYPE_COMPARE_WINDOW);

  G_OBJECT_CLASS (variete_compare_window_parent_class)->dispose (object);
}

static void
variete_compare_window_finalize (GObject *object)
{
  VarieteCompareWindow *self = VARIETE_COMPARE_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->result_file);

  G_OBJECT_CLASS (variete_compare_window_parent_class)->finalize (object);
}

static void
variete_compare_window_class_init (VarieteCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = variete_compare_window_dispose;
  object_class->finalize = variete_compare_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VarieteCompareWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VarieteCompareWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, VarieteCompareWindow, compare_view);
  gtk_widget_class_bind_template_child (widget_class, VarieteCompareWindow, scale);
  gtk_widget_class_bind_template_child (widget_class, VarieteCompareWindow, adjustment);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (VARIETE_TYPE_COMPARE_VIEW);
}

static void
variete_compare_window_init (VarieteCompareWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  g_object_bind_property (self->compare_view, "position",
                          self->adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  /* Arrow keys move the split at once. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->scale));
}
