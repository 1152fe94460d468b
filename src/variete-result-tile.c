/* variete-result-tile.c
 *
 * One image beside the others in the results view: a frame that keeps the image's shape, a
 * spinner until the image is decoded, a caption, and for results the things an artist does
 * with one: compare, save, copy, drag out, open with another app, reuse as the source.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-image-loader.h"
#include "variete-launcher.h"
#include "variete-menus.h"
#include "variete-result-tile-private.h"

/* The image's width when there is room, and the least it shrinks to. */
#define NATURAL_WIDTH 280
#define MIN_WIDTH 88
#define MIN_IMAGE_HEIGHT 48
#define CAPTION_SPACING 6
/* Decoded at this size (times the scale factor): sharp at the natural width, small in memory. */
#define DISPLAY_SIZE 512
/* Below this width the menu button would hide too much of the image: the menu is still there
 * on right-click, long-press, Menu and Shift+F10. */
#define MENU_BUTTON_MIN_WIDTH 150

G_DEFINE_FINAL_TYPE (VarieteResultTile, variete_result_tile, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_IS_RESULT,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_PAINTABLE,
  PROP_FILE,
  PROP_URL,
  PROP_BUSY,
  PROP_ASPECT_RATIO,
  N_PROPS
};

enum {
  ACTIVATE,
  USE_AS_SOURCE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

void
_variete_result_tile_show_toast (VarieteResultTile *self,
                                 const char        *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_debug ("%s", title);
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
update_view (VarieteResultTile *self)
{
  const char *page;

  if (self->paintable != NULL)
    page = "picture";
  else if (self->busy || (self->file != NULL && !self->load_failed))
    page = "spinner";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), g_str_equal (page, "spinner"));
}

static void
update_actions (VarieteResultTile *self)
{
  gboolean has_file = self->is_result && self->file != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tile.compare", has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tile.save-as", has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tile.copy", has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tile.open-with", has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tile.use-as-source",
                                 self->is_result && self->url != NULL);
  gtk_widget_set_visible (self->menu_button, self->is_result && (has_file || self->url != NULL));
}

static void
update_accessible (VarieteResultTile *self)
{
  const char *title = self->title ? self->title : "";
  g_autofree char *menu_label = g_strdup_printf (_("Options for %s"), title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->subtitle ? self->subtitle : "",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);
}

/* Loading */

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VarieteResultTile) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = variete_image_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);

  if (texture == NULL)
    {
      g_warning ("Could not show a result: %s", error->message);
      self->load_failed = TRUE;
      update_view (self);
      return;
    }

  variete_result_tile_set_paintable (self, GDK_PAINTABLE (texture));
}

static void
load_file (VarieteResultTile *self)
{
  int scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  self->load_failed = FALSE;

  if (self->file == NULL)
    return;

  self->load_cancellable = g_cancellable_new ();

  variete_image_load_async (self->file, DISPLAY_SIZE * scale, self->load_cancellable,
                            loaded_cb, g_object_ref (self));
}

/* Actions */

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals [ACTIVATE], 0);
}

static void
use_as_source_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VarieteResultTile *self = VARIETE_RESULT_TILE (widget);

  if (self->url != NULL)
    g_signal_emit (self, signals [USE_AS_SOURCE], 0, self->url, self->file);
}

static GMenuModel *
build_menu (gpointer user_data)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) compare = g_menu_new ();
  g_autoptr(GMenu) file = g_menu_new ();
  g_autoptr(GMenu) reuse = g_menu_new ();

  g_menu_append (compare, _("Co_mpare With Source"), "tile.compare");
  g_menu_append (file, _("_Save As…"), "tile.save-as");
  g_menu_append (file, _("_Copy Image"), "tile.copy");
  g_menu_append (file, _("_Open With…"), "tile.open-with");
  g_menu_append (reuse, _("_Use as Source"), "tile.use-as-source");

  g_menu_append_section (menu, NULL, G_MENU_MODEL (compare));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (file));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (reuse));

  return G_MENU_MODEL (menu);
}

/* Both menus are made when they first open: the source tile is made with the window and
 * never opens one, and most result tiles are never asked for theirs either. */
static void
ensure_context_menu (VarieteResultTile *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  if (self->context_menu != NULL)
    return;

  menu = build_menu (NULL);
  self->context_menu = gtk_popover_menu_new_from_model (menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
}

/* Opens the menu at @x, @y in the tile, or, without a position, from the menu button when
 * it shows. */
static void
popup_menu_at (VarieteResultTile *self,
               double             x,
               double             y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (!gtk_widget_get_visible (self->menu_button))
    return;

  if (x < 0 && gtk_widget_get_child_visible (self->menu_button))
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (self->menu_button));
      return;
    }

  if (x < 0)
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (self->frame, GTK_WIDGET (self), &bounds))
        return;
      rect.x = (int) (bounds.origin.x + bounds.size.width / 2);
      rect.y = (int) (bounds.origin.y + bounds.size.height / 2);
    }

  ensure_context_menu (self);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
popup_menu_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  popup_menu_at (VARIETE_RESULT_TILE (widget), -1, -1);
}

/* Pointer and drag */

static void
click_pressed_cb (GtkGestureClick   *gesture,
                  int                n_press,
                  double             x,
                  double             y,
                  VarieteResultTile *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GtkGestureSingle *single = GTK_GESTURE_SINGLE (gesture);
  GdkEvent *event = gtk_gesture_get_last_event (GTK_GESTURE (gesture),
                                                gtk_gesture_single_get_current_sequence (single));

  if (!self->is_result)
    return;

  if (button == GDK_BUTTON_SECONDARY || (event != NULL && gdk_event_triggers_context_menu (event)))
    {
      graphene_point_t point;

      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (!gtk_widget_compute_point (self->frame, GTK_WIDGET (self),
                                     &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
        return;
      popup_menu_at (self, point.x, point.y);
    }
}

static void
click_released_cb (GtkGestureClick   *gesture,
                   int                n_press,
                   double             x,
                   double             y,
                   VarieteResultTile *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (self->is_result && button == GDK_BUTTON_PRIMARY && n_press == 1 && self->file != NULL)
    g_signal_emit (self, signals [ACTIVATE], 0);
}

static void
long_pressed_cb (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 VarieteResultTile   *self)
{
  graphene_point_t point;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_widget_compute_point (self->frame, GTK_WIDGET (self),
                                &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    popup_menu_at (self, point.x, point.y);
}

/* Layout: the image keeps its shape, the caption goes below it. */

static double
get_ratio (VarieteResultTile *self)
{
  double ratio = 0;

  if (self->paintable != NULL)
    ratio = gdk_paintable_get_intrinsic_aspect_ratio (self->paintable);
  if (ratio <= 0)
    ratio = self->aspect_ratio;

  return CLAMP (ratio, 0.2, 5.0);
}

/* Wide images take the natural width, tall ones a little less. */
static int
get_natural_width (VarieteResultTile *self)
{
  double ratio = get_ratio (self);

  return (int) (ratio >= 1 ? NATURAL_WIDTH : NATURAL_WIDTH * MAX (ratio, 0.6));
}

static GtkSizeRequestMode
variete_result_tile_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
variete_result_tile_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  VarieteResultTile *self = VARIETE_RESULT_TILE (widget);
  double ratio = get_ratio (self);
  int frame_min, frame_nat, caption_min, caption_nat;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->frame, orientation, -1, &frame_min, &frame_nat, NULL, NULL);
      gtk_widget_measure (self->caption, orientation, -1, &caption_min, &caption_nat, NULL, NULL);
      *minimum = MAX (MAX (frame_min, caption_min), MIN_WIDTH);
      *natural = MAX (*minimum, get_natural_width (self));
    }
  else
    {
      /* Never taller than at the natural width: the image does not grow past it, and a
       * container measuring for more width than it then gives must not leave a gap. */
      int natural_width = get_natural_width (self);
      int width = for_size < 0 ? natural_width : MIN (for_size, natural_width);

      gtk_widget_measure (self->frame, orientation, width, &frame_min, NULL, NULL, NULL);
      gtk_widget_measure (self->caption, orientation, width,
                          &caption_min, &caption_nat, NULL, NULL);
      *minimum = MAX (frame_min, MIN_IMAGE_HEIGHT) + CAPTION_SPACING + caption_nat;
      *natural = MAX (frame_min, (int) (width / ratio)) + CAPTION_SPACING + caption_nat;
    }
}

static void
variete_result_tile_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  VarieteResultTile *self = VARIETE_RESULT_TILE (widget);
  double ratio = get_ratio (self);
  int caption_height, image_width, image_height;

  gtk_widget_measure (self->caption, GTK_ORIENTATION_VERTICAL, width,
                      NULL, &caption_height, NULL, NULL);

  image_height = MIN (height - caption_height - CAPTION_SPACING, (int) (width / ratio));
  image_height = MAX (image_height, 1);
  image_width = MIN (width, (int) (image_height * ratio + 0.5));

  gtk_widget_size_allocate (self->frame,
                            &(GtkAllocation) {
                              (width - image_width) / 2, 0, image_width, image_height
                            },
                            -1);
  gtk_widget_size_allocate (self->caption,
                            &(GtkAllocation) {
                              0, image_height + CAPTION_SPACING, width, caption_height
                            },
                            -1);

  gtk_widget_set_child_visible (self->menu_button, image_width >= MENU_BUTTON_MIN_WIDTH);
  /* The context menu is only made when it first opens. */
  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

/* Public API */

/* Returns: (transfer floating): a tile for the source (@is_result %FALSE) or for a result */
GtkWidget *
variete_result_tile_new (gboolean is_result)
{
  return g_object_new (VARIETE_TYPE_RESULT_TILE,
                       "is-result", is_result,
                       "accessible-role",
                       is_result ? GTK_ACCESSIBLE_ROLE_BUTTON : GTK_ACCESSIBLE_ROLE_IMG,
                       NULL);
}

gboolean
variete_result_tile_get_is_result (VarieteResultTile *self)
{
  g_return_val_if_fail (VARIETE_IS_RESULT_TILE (self), FALSE);

  return self->is_result;
}

const char *
variete_result_tile_get_title (VarieteResultTile *self)
{
  g_return_val_if_fail (VARIETE_IS_RESULT_TILE (self), NULL);

  return self->title;
}

/* The caption, and the tile's accessible name: "Source", "Result 1". */
void
variete_result_tile_set_title (VarieteResultTile *self,
                               const char        *title)
{
  g_return_if_fail (VARIETE_IS_RESULT_TILE (self));

  if (!set_string (&self->title, title))
    return;

  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

const char *
variete_result_tile_get_subtitle (VarieteResultTile *self)
{
  g_return_val_if_fail (VARIETE_IS_RESULT_TILE (self), NULL);

  return self->subtitle;
}

void
variete_result_tile_set_subtitle (VarieteResultTile *self,
                                  const char        *subtitle)
{
  g_return_if_fail (VARIETE_IS_RESULT_TILE (self));

  if (!set_string (&self->subtitle, subtitle))
    return;

  gtk_label_set_label (GTK_LABEL (self->subtitle_label), subtitle);
  gtk_widget_set_visible (self->subtitle_label, subtitle != NULL && subtitle[0] != '\0');
  gtk_widget_set_tooltip_text (self->subtitle_label, subtitle);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUBTITLE]);
}

/* Returns: (nullable) (transfer none): the image shown, once decoded */
GdkPaintable *
variete_result_tile_get_paintable (VarieteResultTile *self)
{
  g_return_val_if_fail (VARIETE_IS_RESULT_TILE (self), NULL);

  return self->paintable;
}

void
variete_result_tile_set_paintable (VarieteResultTile *self,
                                   GdkPaintable      *paintable)
{
  g_return_if_fail (VARIETE_IS_RESULT_TILE (self));
  g_return_if_fail (paintable == NULL || GDK_IS_PAINTABLE (paintable));

  if (!g_set_object (&self->paintable, paintable))
    return;

  gtk_picture_set_paintable (GTK_PICTURE (self->picture), paintable);
  update_view (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAINTABLE]);
}

/* Returns: (nullable) (transfer none): the saved result */
GFile *
variete_result_tile_get_file (VarieteResultTile *self)
{
  g_return_val_if_fail (VARIETE_IS_RESULT_TILE (self), NULL);

  return self->file;
}

/* Shows the result saved in @file, decoded at display size off the main loop. */
void
variete_result_tile_set_file (VarieteResultTile *self,
                              GFile             *file)
{
  g_return_if_fail (VARIETE_IS_RESULT_TILE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file && file && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  load_file (self);
  update_view (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILE]);
}

/* Returns: (nullable): the result's address on the server */
const char *
variete_result_tile_get_url (VarieteResultTile *self)
{
  g_return_val_if_fail (VARIETE_IS_RESULT_TILE (self), NULL);

  return self->url;
}

void
variete_result_tile_set_url (VarieteResultTile *self,
                             const char        *url)
{
  g_return_if_fail (VARIETE_IS_RESULT_TILE (self));

  if (!set_string (&self->url, url))
    return;

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_URL]);
}

gboolean
variete_result_tile_get_busy (VarieteResultTile *self)
{
  g_return_val_if_fail (VARIETE_IS_RESULT_TILE (self), FALSE);

  return self->busy;
}

/* Whether the result is still being made: a spinner stands in for it. */
void
variete_result_tile_set_busy (VarieteResultTile *self,
                              gboolean           busy)
{
  g_return_if_fail (VARIETE_IS_RESULT_TILE (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

double
variete_result_tile_get_aspect_ratio (VarieteResultTile *self)
{
  g_return_val_if_fail (VARIETE_IS_RESULT_TILE (self), 1.0);

  return self->aspect_ratio;
}

/* The shape (width / height) of the placeholder, until the image says its own. */
void
variete_result_tile_set_aspect_ratio (VarieteResultTile *self,
                                      double             aspect_ratio)
{
  g_return_if_fail (VARIETE_IS_RESULT_TILE (self));
  g_return_if_fail (aspect_ratio > 0);

  if (G_APPROX_VALUE (self->aspect_ratio, aspect_ratio, 0.0001))
    return;

  self->aspect_ratio = aspect_ratio;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ASPECT_RATIO]);
}

/* GObject */

static void
variete_result_tile_constructed (GObject *object)
{
  VarieteResultTile *self = VARIETE_RESULT_TILE (object);

  G_OBJECT_CLASS (variete_result_tile_parent_class)->constructed (object);

  gtk_widget_set_focusable (GTK_WIDGET (self), self->is_result);
  if (self->is_result)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "activatable");
      gtk_widget_set_cursor_from_name (self->frame, "pointer");
    }

  update_view (self);
  update_actions (self);
}

static void
variete_result_tile_dispose (GObject *object)
{
  VarieteResultTile *self = VARIETE_RESULT_TILE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  g_clear_pointer (&self->frame, gtk_widget_unparent);
  g_clear_pointer (&self->caption, gtk_widget_unparent);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);

  G_OBJECT_CLASS (variete_result_tile_parent_class)->dispose (object);
}

static void
variete_result_tile_finalize (GObject *object)
{
  VarieteResultTile *self = VARIETE_RESULT_TILE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_object (&self->file);
  g_clear_object (&self->paintable);

  G_OBJECT_CLASS (variete_result_tile_parent_class)->finalize (object);
}

static void
variete_result_tile_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VarieteResultTile *self = VARIETE_RESULT_TILE (object);

  switch (prop_id)
    {
    case PROP_IS_RESULT:
      g_value_set_boolean (value, self->is_result);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_PAINTABLE:
      g_value_set_object (value, self->paintable);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_ASPECT_RATIO:
      g_value_set_double (value, self->aspect_ratio);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_result_tile_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VarieteResultTile *self = VARIETE_RESULT_TILE (object);

  switch (prop_id)
    {
    case PROP_IS_RESULT:
      self->is_result = g_value_get_boolean (value);
      break;

    case PROP_TITLE:
      variete_result_tile_set_title (self, g_value_get_string (value));
      break;

    case PROP_SUBTITLE:
      variete_result_tile_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_PAINTABLE:
      variete_result_tile_set_paintable (self, g_value_get_object (value));
      break;

    case PROP_FILE:
      variete_result_tile_set_file (self, g_value_get_object (value));
      break;

    case PROP_URL:
      variete_result_tile_set_url (self, g_value_get_string (value));
      break;

    case PROP_BUSY:
      variete_result_tile_set_busy (self, g_value_get_boolean (value));
      break;

    case PROP_ASPECT_RATIO:
      variete_result_tile_set_aspect_ratio (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_result_tile_class_init (VarieteResultTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = variete_result_tile_constructed;
  object_class->dispose = variete_result_tile_dispose;
  object_class->finalize = variete_result_tile_finalize;
  object_class->get_property = variete_result_tile_get_property;
  object_class->set_property = variete_result_tile_set_property;

  widget_class->get_request_mode = variete_result_tile_get_request_mode;
  widget_class->measure = variete_result_tile_measure;
  widget_class->size_allocate = variete_result_tile_size_allocate;

  properties [PROP_IS_RESULT] =
    g_param_spec_boolean ("is-result", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PAINTABLE] =
    g_param_spec_object ("paintable", NULL, NULL,
                         GDK_TYPE_PAINTABLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ASPECT_RATIO] =
    g_param_spec_double ("aspect-ratio", NULL, NULL,
                         0.01, 100.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals [ACTIVATE]);

  signals [USE_AS_SOURCE] =
    g_signal_new ("use-as-source",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_FILE);

  gtk_widget_class_install_action (widget_class, "tile.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "tile.save-as", NULL,
                                   _variete_result_tile_save_as_action);
  gtk_widget_class_install_action (widget_class, "tile.copy", NULL,
                                   _variete_result_tile_copy_action);
  gtk_widget_class_install_action (widget_class, "tile.open-with", NULL,
                                   _variete_result_tile_open_with_action);
  gtk_widget_class_install_action (widget_class, "tile.use-as-source", NULL, use_as_source_action);
  gtk_widget_class_install_action (widget_class, "tile.popup-menu", NULL, popup_menu_action);

  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Return, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_KP_Enter, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_space, 0, "activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "tile.popup-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "tile.popup-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "tile.copy", NULL);

  gtk_widget_class_set_css_name (widget_class, "resulttile");
}

static void
variete_result_tile_init (VarieteResultTile *self)
{
  GtkGesture *click, *long_press;
  GtkDragSource *drag;
  GtkWidget *overlay, *empty;

  self->cancellable = g_cancellable_new ();
  self->aspect_ratio = 1.0;

  /* The image, its placeholders and its menu button. */
  self->frame = gtk_overlay_new ();
  gtk_widget_add_css_class (self->frame, "result-frame");
  gtk_widget_set_overflow (self->frame, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_parent (self->frame, GTK_WIDGET (self));
  overlay = self->frame;

  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), self->stack);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_halign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->spinner, 32, 32);
  gtk_stack_add_named (GTK_STACK (self->stack), self->spinner, "spinner");

  empty = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (empty), 32);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");

  self->picture = gtk_picture_new ();
  gtk_picture_set_content_fit (GTK_PICTURE (self->picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_can_shrink (GTK_PICTURE (self->picture), TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), self->picture, "picture");

  self->menu_button = g_object_new (GTK_TYPE_MENU_BUTTON,
                                    "icon-name", "view-more-symbolic",
                                    "halign", GTK_ALIGN_END,
                                    "valign", GTK_ALIGN_START,
                                    "margin-top", 6,
                                    "margin-end", 6,
                                    "tooltip-text", _("More Options"),
                                    "visible", FALSE,
                                    NULL);
  variete_menu_button_set_menu_later (GTK_MENU_BUTTON (self->menu_button), build_menu, NULL);
  gtk_widget_add_css_class (self->menu_button, "osd");
  gtk_widget_add_css_class (self->menu_button, "circular");
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->menu_button);

  /* The context menu, for a right click or a long press, is made by popup_menu_at() when it
   * first opens. */

  /* The caption. */
  self->caption = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->caption, GTK_WIDGET (self));

  self->title_label = g_object_new (GTK_TYPE_LABEL,
                                    "ellipsize", PANGO_ELLIPSIZE_END,
                                    "justify", GTK_JUSTIFY_CENTER,
                                    NULL);
  gtk_widget_add_css_class (self->title_label, "heading");
  gtk_box_append (GTK_BOX (self->caption), self->title_label);

  self->subtitle_label = g_object_new (GTK_TYPE_LABEL,
                                       "ellipsize", PANGO_ELLIPSIZE_MIDDLE,
                                       "visible", FALSE,
                                       NULL);
  gtk_widget_add_css_class (self->subtitle_label, "caption");
  gtk_widget_add_css_class (self->subtitle_label, "dim-label");
  gtk_box_append (GTK_BOX (self->caption), self->subtitle_label);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (self->frame, GTK_EVENT_CONTROLLER (click));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (long_pressed_cb), self);
  gtk_widget_add_controller (self->frame, GTK_EVENT_CONTROLLER (long_press));

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (_variete_result_tile_drag_prepare_cb), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (_variete_result_tile_drag_begin_cb), self);
  gtk_widget_add_controller (self->frame, GTK_EVENT_CONTROLLER (drag));
}
