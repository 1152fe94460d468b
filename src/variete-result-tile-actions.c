/* variete-result-tile-actions.c
 *
 * What an artist does with a result: save a copy elsewhere, copy it to the clipboard, open it
 * with another app, drag it out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-image-loader.h"
#include "variete-launcher.h"
#include "variete-result-tile-private.h"

/* A copy made by Save As…: the tile, held, and where the copy goes. */
typedef struct
{
  VarieteResultTile *self;
  GFile             *destination;
} CopyOp;

static void
copy_op_free (CopyOp *op)
{
  g_object_unref (op->self);
  g_object_unref (op->destination);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CopyOp, copy_op_free)

static void
copied_to_file_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CopyOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_file_copy_finish (G_FILE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = g_strdup_printf (_("The image could not be saved: %s"), error->message);
      _variete_result_tile_show_toast (op->self, message);
      return;
    }

  name = g_file_get_basename (op->destination);
  message = g_strdup_printf (_("Saved as “%s”"), name);
  _variete_result_tile_show_toast (op->self, message);
}

static void
chooser_response_cb (VarieteResultTile *self,
                     int                response,
                     GtkNativeDialog   *chooser)
{
  g_autoptr(GFile) destination = NULL;
  CopyOp *op;

  if (response == GTK_RESPONSE_ACCEPT)
    destination = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (destination == NULL || self->file == NULL || g_file_equal (destination, self->file))
    return;

  op = g_new0 (CopyOp, 1);
  op->self = g_object_ref (self);
  op->destination = g_object_ref (destination);

  g_file_copy_async (self->file, destination,
                     G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                     G_PRIORITY_DEFAULT, self->cancellable, NULL, NULL,
                     copied_to_file_cb, op);
}

void
_variete_result_tile_save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VarieteResultTile *self = VARIETE_RESULT_TILE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->file == NULL)
    return;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Save Image"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  name = g_file_get_basename (self->file);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if ((folder = g_file_get_parent (self->file)) != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
copy_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VarieteResultTile) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = variete_image_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (texture == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The image could not be copied: %s"),
                                                  error->message);
      _variete_result_tile_show_toast (self, message);
      return;
    }

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  _variete_result_tile_show_toast (self, _("Image copied"));
}

void
_variete_result_tile_copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VarieteResultTile *self = VARIETE_RESULT_TILE (widget);

  /* At full size: what is pasted elsewhere is the result, not its thumbnail. */
  if (self->file != NULL)
    variete_image_load_async (self->file, 0, self->cancellable,
                              copy_loaded_cb, g_object_ref (self));
}

static void
opened_with_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VarieteResultTile) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!variete_launcher_open_with_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("No app could open the image: %s"),
                                                  error->message);
      _variete_result_tile_show_toast (self, message);
    }
}

void
_variete_result_tile_open_with_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VarieteResultTile *self = VARIETE_RESULT_TILE (widget);

  if (self->file != NULL)
    variete_launcher_open_with_async (widget, self->file, self->cancellable,
                                      opened_with_cb, g_object_ref (self));
}

GdkContentProvider *
_variete_result_tile_drag_prepare_cb (GtkDragSource     *source,
                 double             x,
                 double             y,
                 VarieteResultTile *self)
{
  GdkContentProvider *providers[3];
  GdkFileList *files;
  guint n = 0;

  if (!self->is_result || self->file == NULL)
    return NULL;

  /* Files, GIMP and browsers take the file; apps that only take pixels get the image. */
  files = gdk_file_list_new_from_array (&self->file, 1);
  providers[n++] = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, files);
  providers[n++] = gdk_content_provider_new_typed (G_TYPE_FILE, self->file);
  if (GDK_IS_TEXTURE (self->paintable))
    providers[n++] = gdk_content_provider_new_typed (GDK_TYPE_TEXTURE, self->paintable);
  g_boxed_free (GDK_TYPE_FILE_LIST, files);

  return gdk_content_provider_new_union (providers, n);
}

void
_variete_result_tile_drag_begin_cb (GtkDragSource     *source,
               GdkDrag           *drag,
               VarieteResultTile *self)
{
  GtkWidget *icon;

  if (self->paintable == NULL)
    return;

  icon = gtk_image_new_from_paintable (self->paintable);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), DRAG_ICON_SIZE);
  gtk_widget_add_css_class (icon, "result-drag-icon");
  gtk_drag_icon_set_child (GTK_DRAG_ICON (gtk_drag_icon_get_for_drag (drag)), icon);
  gdk_drag_set_hotspot (drag, DRAG_ICON_SIZE / 2, DRAG_ICON_SIZE / 2);
}
