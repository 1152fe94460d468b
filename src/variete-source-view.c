/* variete-source-view.c
 *
 * The source area: where artists drop, paste or open the image to transform. Every way in
 * ends in a VarieteSource pre-flight on a worker thread; the shown source (and "source-url")
 * changes only when one succeeds, and a failure is shown inside the view while the previous
 * source stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-source-view"

#include <glib/gi18n.h>
#include <string.h>

#include "variete-source-view-private.h"

struct _VarieteSourceView
{
  AdwBin                parent_instance;

  VarieteSource        *source;
  /* The load in progress: cancelled when a newer one starts, and in dispose. */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GtkDropTarget        *drop_target;
  gboolean              loading;

  GtkBox               *drop_area;    /* the AdwBin child */
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkSpinner           *loading_spinner;
  GtkPicture           *picture;
  GtkSpinner           *busy_spinner;
  GtkLabel             *name_label;
  GtkLabel             *summary_label;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (VarieteSourceView, variete_source_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SOURCE_URL,
  PROP_SOURCE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef enum
{
  ORIGIN_DROP,
  ORIGIN_PASTE,
} Origin;

static const char *
data_name (Origin origin)
{
  return origin == ORIGIN_DROP ? _("Dropped image") : _("Pasted image");
}

static const char *
nothing_usable_message (Origin origin)
{
  if (origin == ORIGIN_DROP)
    return _("What was dropped holds no image, image file or image address. Drop an image file, "
             "an image from a web browser, or an https:// address.");

  return _("The clipboard holds no image, image file or image address. Copy an image, an image "
           "file or an https:// address, then paste again.");
}

static void
update_state (VarieteSourceView *self)
{
  const char *page;

  if (self->source != NULL)
    page = "source";
  else if (self->loading)
    page = "loading";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, self->loading && self->source == NULL);
  gtk_spinner_set_spinning (self->busy_spinner, self->loading && self->source != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), self->loading && self->source != NULL);
}

static void
set_loading (VarieteSourceView *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
show_error (VarieteSourceView *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
hide_error (VarieteSourceView *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
dismiss_error_cb (VarieteSourceView *self)
{
  hide_error (self);
}

/* Ends the load in progress with @message; the previous source stays. */
static void
fail_load (VarieteSourceView *self,
           const char        *message)
{
  set_loading (self, FALSE);
  show_error (self, message);
}

/* Starts a load: cancels the one in progress and returns the cancellable of the new one. */
static GCancellable *
begin_load (VarieteSourceView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  hide_error (self);
  set_loading (self, TRUE);

  return self->cancellable;
}

static void
set_source (VarieteSourceView *self,
            VarieteSource     *source)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *old_url = NULL;
  GFile *file;

  old_url = g_strdup (variete_source_view_get_source_url (self));
  g_set_object (&self->source, source);

  texture = gdk_texture_new_for_pixbuf (variete_source_get_thumbnail (source));
  summary = variete_source_dup_summary (source);
  file = variete_source_get_file (source);

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_label_set_label (self->name_label, variete_source_get_display_name (source));
  gtk_label_set_label (self->summary_label, summary);
  if (file != NULL)
    {
      g_autofree char *parse_name = g_file_get_parse_name (file);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), parse_name);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), variete_source_get_uri (source));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  variete_source_get_display_name (source),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->drop_area), "has-source");
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE]);
  if (g_strcmp0 (old_url, variete_source_get_url (source)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE_URL]);
}

static void
load_finished_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GError) error = NULL;
  VarieteSourceView *self;

  source = variete_source_load_finish (result, &error);

  /* A newer load took over, or the view is gone: @user_data may be freed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = VARIETE_SOURCE_VIEW (user_data);

  if (source == NULL)
    {
      g_debug ("Source refused: %s", error->message);
      fail_load (self, error->message);
      return;
    }

  g_debug ("Source ready: %s", variete_source_get_display_name (source));
  set_source (self, source);
  set_loading (self, FALSE);
}

static void
load_uri (VarieteSourceView *self,
          const char        *uri)
{
  GCancellable *cancellable = begin_load (self);

  variete_source_load_uri_async (uri, VARIETE_SOURCE_VIEW_THUMBNAIL_SIZE, cancellable,
                                 load_finished_cb, self);
}

/* Reads a dropped or pasted text: an http(s) address, a file:// URI or an absolute path, as
 * the first line that is not a text/uri-list comment. */
static gboolean
load_text (VarieteSourceView *self,
           const char        *text)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return FALSE;

  lines = g_strsplit_set (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *scheme = NULL;
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0' || line[0] == '#')
        continue;

      scheme = g_uri_parse_scheme (line);
      if (scheme != NULL &&
          (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0))
        {
          load_uri (self, line);
          return TRUE;
        }

      if (scheme != NULL && g_ascii_strcasecmp (scheme, "file") == 0)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (line);

          variete_source_view_load_file (self, file);
          return TRUE;
        }

      if (g_path_is_absolute (line))
        {
          g_autoptr(GFile) file = g_file_new_for_path (line);

          variete_source_view_load_file (self, file);
          return TRUE;
        }

      return FALSE;
    }

  return FALSE;
}

/* GdkTexture gives premultiplied, native-endian ARGB; GdkPixbuf wants straight RGBA. */
static GdkPixbuf *
pixbuf_new_from_texture (GdkTexture *texture)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  guint8 *pixels;
  int stride;

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  if (pixbuf == NULL)
    return NULL;

  pixels = gdk_pixbuf_get_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  gdk_texture_download (texture, pixels, stride);

  for (int y = 0; y < height; y++)
    {
      guint8 *p = pixels + (gsize) y * stride;

      for (int x = 0; x < width; x++, p += 4)
        {
          guint32 argb;
          guint a, r, g, b;

          memcpy (&argb, p, sizeof argb);
          a = argb >> 24;
          r = (argb >> 16) & 0xFF;
          g = (argb >> 8) & 0xFF;
          b = argb & 0xFF;
          if (a != 0 && a != 0xFF)
            {
              r = MIN (255, (r * 255 + a / 2) / a);
              g = MIN (255, (g * 255 + a / 2) / a);
              b = MIN (255, (b * 255 + a / 2) / a);
            }
          p[0] = r;
          p[1] = g;
          p[2] = b;
          p[3] = a;
        }
    }

  return g_steal_pointer (&pixbuf);
}

typedef struct
{
  GdkTexture *texture;
  const char *name;
} TextureLoad;

static void
texture_load_free (gpointer data)
{
  TextureLoad *load = data;

  g_clear_object (&load->texture);
  g_free (load);
}

static void
texture_to_pixbuf_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  TextureLoad *load = task_data;
  GdkPixbuf *pixbuf = pixbuf_new_from_texture (load->texture);

  if (pixbuf == NULL)
    g_task_return_new_error (task, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_TOO_LARGE,
                             _("There is not enough memory to read “%s”. Save it as a "
                               "smaller file and open that."),
                             load->name);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
texture_converted_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  TextureLoad *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  VarieteSourceView *self;

  pixbuf = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = VARIETE_SOURCE_VIEW (user_data);

  if (pixbuf == NULL)
    {
      fail_load (self, error->message);
      return;
    }

  variete_source_load_pixbuf_async (pixbuf, load->name, VARIETE_SOURCE_VIEW_THUMBNAIL_SIZE,
                                    self->cancellable, load_finished_cb, self);
}

/* A dropped or pasted image as pixels. Its pixels are read off the main loop when they are in
 * memory, as GTK's deserialisers leave them. */
static void
load_texture (VarieteSourceView *self,
              GdkTexture        *texture,
              const char        *name)
{
  GCancellable *cancellable = begin_load (self);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  TextureLoad *load;

  if (!variete_source_check_pixels (name, gdk_texture_get_width (texture),
                                    gdk_texture_get_height (texture), &error))
    {
      fail_load (self, error->message);
      return;
    }

  if (!GDK_IS_MEMORY_TEXTURE (texture))
    {
      g_autoptr(GdkPixbuf) pixbuf = pixbuf_new_from_texture (texture);

      if (pixbuf != NULL)
        variete_source_load_pixbuf_async (pixbuf, name, VARIETE_SOURCE_VIEW_THUMBNAIL_SIZE,
                                          cancellable, load_finished_cb, self);
      else
        fail_load (self, _("There is not enough memory to read the image. Save it as a smaller "
                           "file and open that."));
      return;
    }

  load = g_new0 (TextureLoad, 1);
  load->texture = g_object_ref (texture);
  load->name = name;

  task = g_task_new (NULL, cancellable, texture_converted_cb, self);
  g_task_set_source_tag (task, load_texture);
  g_task_set_task_data (task, load, texture_load_free);
  g_task_run_in_thread (task, texture_to_pixbuf_thread);
}

/* Loads what a drop or the clipboard holds. Returns %FALSE when nothing in it is usable. */
static gboolean
load_value (VarieteSourceView *self,
            const GValue      *value,
            Origin             origin)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GdkFileList *list = g_value_get_boxed (value);
      GSList *files = list ? gdk_file_list_get_files (list) : NULL;
      GFile *file = files ? files->data : NULL;

      g_slist_free (files);
      if (file == NULL)
        return FALSE;

      variete_source_view_load_file (self, file);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      GFile *file = g_value_get_object (value);

      if (file == NULL)
        return FALSE;

      variete_source_view_load_file (self, file);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      GdkTexture *texture = g_value_get_object (value);

      if (texture == NULL)
        return FALSE;

      load_texture (self, texture, data_name (origin));
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    return load_text (self, g_value_get_string (value));

  return FALSE;
}

static GdkDragAction
drop_entered_cb (VarieteSourceView *self,
                 double             x,
                 double             y,
                 GtkDropTarget     *target)
{
  gtk_widget_add_css_class (GTK_WIDGET (self->drop_area), "drop-highlight");

  return GDK_ACTION_COPY;
}

static void
drop_left_cb (VarieteSourceView *self,
              GtkDropTarget     *target)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->drop_area), "drop-highlight");
}

static gboolean
source_dropped_cb (VarieteSourceView *self,
                   const GValue      *value,
                   double             x,
                   double             y,
                   GtkDropTarget     *target)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->drop_area), "drop-highlight");

  if (load_value (self, value, ORIGIN_DROP))
    return TRUE;

  show_error (self, nothing_usable_message (ORIGIN_DROP));

  return FALSE;
}

static void
clipboard_value_read_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GdkClipboard *clipboard = GDK_CLIPBOARD (object);
  g_autoptr(GError) error = NULL;
  const GValue *value;
  VarieteSourceView *self;

  value = gdk_clipboard_read_value_finish (clipboard, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = VARIETE_SOURCE_VIEW (user_data);

  if (value == NULL || !load_value (self, value, ORIGIN_PASTE))
    {
      if (error != NULL)
        g_debug ("Could not read the clipboard: %s", error->message);
      fail_load (self, nothing_usable_message (ORIGIN_PASTE));
    }
}

static void
clipboard_stream_read_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GdkClipboard *clipboard = GDK_CLIPBOARD (object);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  const char *mime_type = NULL;
  VarieteSourceView *self;

  stream = gdk_clipboard_read_finish (clipboard, result, &mime_type, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = VARIETE_SOURCE_VIEW (user_data);

  if (stream == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The image on the clipboard could not be read: %s. Copy it again, "
                           "then paste."),
                         error->message);

      fail_load (self, message);
      return;
    }

  g_debug ("Pasting %s", mime_type);
  variete_source_load_stream_async (stream, data_name (ORIGIN_PASTE),
                                    VARIETE_SOURCE_VIEW_THUMBNAIL_SIZE, self->cancellable,
                                    load_finished_cb, self);
}

static gboolean
formats_contain_image_mime_type (GdkContentFormats *formats)
{
  const char * const *mime_types = variete_source_get_mime_types ();

  for (guint i = 0; mime_types[i] != NULL; i++)
    if (gdk_content_formats_contain_mime_type (formats, mime_types[i]))
      return TRUE;

  return FALSE;
}

/**
 * variete_source_view_paste:
 * @self: a #VarieteSourceView
 *
 * Loads what the clipboard holds, in this order: files (a copy in Files), image data (Copy
 * Image in a browser or an editor), an address or path as text.
 */
void
variete_source_view_paste (VarieteSourceView *self)
{
  GdkClipboard *clipboard;
  g_autoptr(GdkContentFormats) formats = NULL;
  GCancellable *cancellable;
  GType value_type = G_TYPE_INVALID;

  g_return_if_fail (VARIETE_IS_SOURCE_VIEW (self));

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  formats = gdk_content_formats_union_deserialize_gtypes (
              gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    value_type = GDK_TYPE_FILE_LIST;
  else if (gdk_content_formats_contain_gtype (formats, G_TYPE_FILE))
    value_type = G_TYPE_FILE;
  else if (gdk_clipboard_is_local (clipboard) &&
           gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                              GDK_TYPE_TEXTURE))
    value_type = GDK_TYPE_TEXTURE;  /* our own copy: the pixels are already there */
  else if (formats_contain_image_mime_type (formats))
    {
      /* The encoded image itself, most wanted type first: it is decoded by the pre-flight,
       * off the main loop. */
      cancellable = begin_load (self);
      gdk_clipboard_read_async (clipboard, (const char **) variete_source_get_mime_types (),
                                G_PRIORITY_DEFAULT, cancellable, clipboard_stream_read_cb, self);
      return;
    }
  else if (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING))
    value_type = G_TYPE_STRING;

  if (value_type == G_TYPE_INVALID)
    {
      show_error (self, nothing_usable_message (ORIGIN_PASTE));
      return;
    }

  cancellable = begin_load (self);
  gdk_clipboard_read_value_async (clipboard, value_type, G_PRIORITY_DEFAULT, cancellable,
                                  clipboard_value_read_cb, self);
}

static void
chooser_responded_cb (GtkNativeDialog   *dialog,
                      int                response,
                      VarieteSourceView *self)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        variete_source_view_load_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
}

/**
 * variete_source_view_open:
 * @self: a #VarieteSourceView
 *
 * Shows the file chooser (the portal's, in a sandbox) for an image to load.
 */
void
variete_source_view_open (VarieteSourceView *self)
{
  g_autoptr(GtkFileFilter) filter = NULL;
  const char * const *mime_types;
  GtkRoot *root;

  g_return_if_fail (VARIETE_IS_SOURCE_VIEW (self));

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->chooser = gtk_file_chooser_native_new (_("Open Image"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Images"));
  mime_types = variete_source_get_mime_types ();
  for (guint i = 0; mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_responded_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_clicked_cb (VarieteSourceView *self)
{
  variete_source_view_open (self);
}

/**
 * variete_source_view_load_file:
 * @self: a #VarieteSourceView
 * @file: a local file, or an http(s) address as a #GFile
 *
 * Loads @file as the new source; the current one stays until the pre-flight succeeds.
 */
void
variete_source_view_load_file (VarieteSourceView *self,
                               GFile             *file)
{
  GCancellable *cancellable;

  g_return_if_fail (VARIETE_IS_SOURCE_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_debug ("Loading the source %s", g_file_peek_path (file) ? g_file_peek_path (file) : "");
  cancellable = begin_load (self);
  variete_source_load_file_async (file, VARIETE_SOURCE_VIEW_THUMBNAIL_SIZE, cancellable,
                                  load_finished_cb, self);
}

const char *
variete_source_view_get_source_url (VarieteSourceView *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE_VIEW (self), NULL);

  return self->source ? variete_source_get_url (self->source) : NULL;
}

VarieteSource *
variete_source_view_get_source (VarieteSourceView *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE_VIEW (self), NULL);

  return self->source;
}

gboolean
variete_source_view_get_loading (VarieteSourceView *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE_VIEW (self), FALSE);

  return self->loading;
}

GtkDropTarget *
variete_source_view_get_drop_target (VarieteSourceView *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE_VIEW (self), NULL);

  return self->drop_target;
}

GtkFileChooserNative *
variete_source_view_get_file_chooser (VarieteSourceView *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE_VIEW (self), NULL);

  return self->chooser;
}

const char *
variete_source_view_get_error_text (VarieteSourceView *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE_VIEW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

const char *
variete_source_view_get_summary_text (VarieteSourceView *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE_VIEW (self), NULL);

  return gtk_label_get_label (self->summary_label);
}

const char *
variete_source_view_get_page_name (VarieteSourceView *self)
{
  g_return_val_if_fail (VARIETE_IS_SOURCE_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
variete_source_view_dispose (GObject *object)
{
  VarieteSourceView *self = VARIETE_SOURCE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), VARIETE_TYPE_SOURCE_VIEW);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (variete_source_view_parent_class)->dispose (object);
}

static void
variete_source_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VarieteSourceView *self = VARIETE_SOURCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE_URL:
      g_value_set_string (value, variete_source_view_get_source_url (self));
      break;

    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_source_view_class_init (VarieteSourceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = variete_source_view_dispose;
  object_class->get_property = variete_source_view_get_property;

  properties [PROP_SOURCE_URL] =
    g_param_spec_string ("source-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL,
                         VARIETE_TYPE_SOURCE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-source-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VarieteSourceView, stack);
  gtk_widget_class_bind_template_child (widget_class, VarieteSourceView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VarieteSourceView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, VarieteSourceView, picture);
  gtk_widget_class_bind_template_child (widget_class, VarieteSourceView, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, VarieteSourceView, name_label);
  gtk_widget_class_bind_template_child (widget_class, VarieteSourceView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VarieteSourceView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, VarieteSourceView, error_label);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_error_cb);
}

static void
variete_source_view_init (VarieteSourceView *self)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, GDK_TYPE_TEXTURE, G_TYPE_STRING };

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Not a bound template child: AdwBin unparents its child itself. */
  self->drop_area = GTK_BOX (adw_bin_get_child (ADW_BIN (self)));
  self->cancellable = g_cancellable_new ();

  /* Files first (the portal hands sandboxed apps files this way), then pixels, then text. */
  self->drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (self->drop_target, types, G_N_ELEMENTS (types));
  g_signal_connect_swapped (self->drop_target, "enter", G_CALLBACK (drop_entered_cb), self);
  g_signal_connect_swapped (self->drop_target, "leave", G_CALLBACK (drop_left_cb), self);
  g_signal_connect_swapped (self->drop_target, "drop", G_CALLBACK (source_dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));

  update_state (self);
}
