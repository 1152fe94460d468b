/* variete-compare-view.c
 *
 * A before/after view: the result drawn over its source, each clipped at a split the artist
 * drags across the image.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-compare-view.h"

#define LABEL_MARGIN 12
#define DIVIDER_WIDTH 2
#define MIN_SIZE 120

struct _VarieteCompareView
{
  GtkWidget     parent_instance;

  GdkPaintable *before;
  GdkPaintable *after;
  double        position;
  double        drag_start_x;

  GtkWidget    *handle;
  GtkWidget    *before_label;
  GtkWidget    *after_label;
};

G_DEFINE_FINAL_TYPE (VarieteCompareView, variete_compare_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BEFORE,
  PROP_AFTER,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The paintable that gives the picture its shape: the result, else the source. */
static GdkPaintable *
get_main_paintable (VarieteCompareView *self)
{
  return self->after != NULL ? self->after : self->before;
}

/* Where the picture goes: fitted into the widget, its shape kept. */
static graphene_rect_t
get_image_rect (VarieteCompareView *self,
                double              width,
                double              height)
{
  GdkPaintable *paintable = get_main_paintable (self);
  double ratio = paintable ? gdk_paintable_get_intrinsic_aspect_ratio (paintable) : 0;
  double w = width, h = height;

  if (ratio <= 0)
    ratio = 1.0;

  if (w / h > ratio)
    w = h * ratio;
  else
    h = w / ratio;

  return GRAPHENE_RECT_INIT ((float) ((width - w) / 2), (float) ((height - h) / 2),
                             (float) w, (float) h);
}

/* Draws @paintable to cover @rect, centred and cropped: a source of another shape than the
 * result still lines up with it. */
static void
snapshot_cover (GtkSnapshot           *snapshot,
                GdkPaintable          *paintable,
                const graphene_rect_t *rect)
{
  double ratio = gdk_paintable_get_intrinsic_aspect_ratio (paintable);
  double w = rect->size.width, h = rect->size.height;

  if (ratio > 0)
    {
      if (w / h > ratio)
        h = w / ratio;
      else
        w = h * ratio;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (
                            (float) (rect->origin.x + (rect->size.width - w) / 2),
                            (float) (rect->origin.y + (rect->size.height - h) / 2)));
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  gtk_snapshot_restore (snapshot);
}

static void
variete_compare_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  VarieteCompareView *self = VARIETE_COMPARE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t rect;
  float split;

  if (width <= 0 || height <= 0)
    return;

  rect = get_image_rect (self, width, height);
  split = rect.origin.x + (float) (rect.size.width * self->position);

  if (self->before != NULL)
    {
      gtk_snapshot_push_clip (snapshot,
                              &GRAPHENE_RECT_INIT (rect.origin.x, rect.origin.y,
                                                   split - rect.origin.x, rect.size.height));
      snapshot_cover (snapshot, self->before, &rect);
      gtk_snapshot_pop (snapshot);
    }

  if (self->after != NULL)
    {
      gtk_snapshot_push_clip (snapshot,
                              &GRAPHENE_RECT_INIT (split, rect.origin.y,
                                                   rect.origin.x + rect.size.width - split,
                                                   rect.size.height));
      snapshot_cover (snapshot, self->after, &rect);
      gtk_snapshot_pop (snapshot);
    }

  /* The divider: light with a dark edge, visible over any picture. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 0.3 },
                             &GRAPHENE_RECT_INIT (split - DIVIDER_WIDTH / 2.f - 1, rect.origin.y,
                                                  DIVIDER_WIDTH + 2, rect.size.height));
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 0.95 },
                             &GRAPHENE_RECT_INIT (split - DIVIDER_WIDTH / 2.f, rect.origin.y,
                                                  DIVIDER_WIDTH, rect.size.height));

  gtk_widget_snapshot_child (widget, self->before_label, snapshot);
  gtk_widget_snapshot_child (widget, self->after_label, snapshot);
  gtk_widget_snapshot_child (widget, self->handle, snapshot);
}

static void
variete_compare_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  VarieteCompareView *self = VARIETE_COMPARE_VIEW (widget);
  GdkPaintable *paintable = get_main_paintable (self);
  int size = 0;

  if (paintable != NULL)
    size = orientation == GTK_ORIENTATION_HORIZONTAL
           ? gdk_paintable_get_intrinsic_width (paintable)
           : gdk_paintable_get_intrinsic_height (paintable);

  *minimum = MIN_SIZE;
  *natural = MAX (MIN_SIZE, size);
}

static void
allocate_natural (GtkWidget *child,
                  double     x,
                  double     y)
{
  int width, height;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  gtk_widget_size_allocate (child, &(GtkAllocation) { (int) x, (int) y, width, height }, -1);
}

static void
variete_compare_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  VarieteCompareView *self = VARIETE_COMPARE_VIEW (widget);
  graphene_rect_t rect = get_image_rect (self, width, height);
  double split = rect.origin.x + rect.size.width * self->position;
  int handle_w, handle_h, before_w, after_w;

  gtk_widget_measure (self->handle, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &handle_w, NULL, NULL);
  gtk_widget_measure (self->handle, GTK_ORIENTATION_VERTICAL, -1, NULL, &handle_h, NULL, NULL);
  allocate_natural (self->handle,
                    split - handle_w / 2.0,
                    rect.origin.y + (rect.size.height - handle_h) / 2);

  gtk_widget_measure (self->before_label, GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &before_w, NULL, NULL);
  gtk_widget_measure (self->after_label, GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &after_w, NULL, NULL);

  /* Each label names the side it sits on, and only while that side is wide enough for it. */
  gtk_widget_set_child_visible (self->before_label,
                                self->before != NULL &&
                                split - rect.origin.x > before_w + 2 * LABEL_MARGIN);
  gtk_widget_set_child_visible (self->after_label,
                                self->after != NULL &&
                                rect.origin.x + rect.size.width - split >
                                after_w + 2 * LABEL_MARGIN);

  allocate_natural (self->before_label,
                    rect.origin.x + LABEL_MARGIN,
                    rect.origin.y + LABEL_MARGIN);
  allocate_natural (self->after_label,
                    rect.origin.x + rect.size.width - LABEL_MARGIN - after_w,
                    rect.origin.y + LABEL_MARGIN);
}

/* Input */

static void
set_position_from_x (VarieteCompareView *self,
                     double              x)
{
  graphene_rect_t rect = get_image_rect (self,
                                         gtk_widget_get_width (GTK_WIDGET (self)),
                                         gtk_widget_get_height (GTK_WIDGET (self)));

  if (rect.size.width > 0)
    variete_compare_view_set_position (self, (x - rect.origin.x) / rect.size.width);
}

static void
drag_begin_cb (GtkGestureDrag     *gesture,
               double              x,
               double              y,
               VarieteCompareView *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_start_x = x;
  set_position_from_x (self, x);
}

static void
drag_update_cb (GtkGestureDrag     *gesture,
                double              offset_x,
                double              offset_y,
                VarieteCompareView *self)
{
  set_position_from_x (self, self->drag_start_x + offset_x);
}

/* Public API */

GtkWidget *
variete_compare_view_new (void)
{
  return g_object_new (VARIETE_TYPE_COMPARE_VIEW, NULL);
}

/* Returns: (nullable) (transfer none): the source */
GdkPaintable *
variete_compare_view_get_before (VarieteCompareView *self)
{
  g_return_val_if_fail (VARIETE_IS_COMPARE_VIEW (self), NULL);

  return self->before;
}

static void
set_paintable (VarieteCompareView  *self,
               GdkPaintable       **field,
               GdkPaintable        *paintable,
               GParamSpec          *pspec)
{
  if (*field == paintable)
    return;

  if (*field != NULL)
    g_signal_handlers_disconnect_by_data (*field, self);

  g_set_object (field, paintable);

  if (paintable != NULL)
    {
      g_signal_connect_swapped (paintable, "invalidate-contents",
                                G_CALLBACK (gtk_widget_queue_draw), self);
      g_signal_connect_swapped (paintable, "invalidate-size",
                                G_CALLBACK (gtk_widget_queue_resize), self);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

void
variete_compare_view_set_before (VarieteCompareView *self,
                                 GdkPaintable       *before)
{
  g_return_if_fail (VARIETE_IS_COMPARE_VIEW (self));
  g_return_if_fail (before == NULL || GDK_IS_PAINTABLE (before));

  set_paintable (self, &self->before, before, properties [PROP_BEFORE]);
}

/* Returns: (nullable) (transfer none): the result */
GdkPaintable *
variete_compare_view_get_after (VarieteCompareView *self)
{
  g_return_val_if_fail (VARIETE_IS_COMPARE_VIEW (self), NULL);

  return self->after;
}

void
variete_compare_view_set_after (VarieteCompareView *self,
                                GdkPaintable       *after)
{
  g_return_if_fail (VARIETE_IS_COMPARE_VIEW (self));
  g_return_if_fail (after == NULL || GDK_IS_PAINTABLE (after));

  set_paintable (self, &self->after, after, properties [PROP_AFTER]);
}

double
variete_compare_view_get_position (VarieteCompareView *self)
{
  g_return_val_if_fail (VARIETE_IS_COMPARE_VIEW (self), 0.5);

  return self->position;
}

/* Moves the split: 0 shows only the result, 1 only the source. */
void
variete_compare_view_set_position (VarieteCompareView *self,
                                   double              position)
{
  g_return_if_fail (VARIETE_IS_COMPARE_VIEW (self));

  position = CLAMP (position, 0.0, 1.0);
  if (G_APPROX_VALUE (self->position, position, 1e-6))
    return;

  self->position = position;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
}

/* GObject */

static void
variete_compare_view_dispose (GObject *object)
{
  VarieteCompareView *self = VARIETE_COMPARE_VIEW (object);

  if (self->before != NULL)
    g_signal_handlers_disconnect_by_data (self->before, self);
  if (self->after != NULL)
    g_signal_handlers_disconnect_by_data (self->after, self);
  g_clear_object (&self->before);
  g_clear_object (&self->after);

  g_clear_pointer (&self->handle, gtk_widget_unparent);
  g_clear_pointer (&self->before_label, gtk_widget_unparent);
  g_clear_pointer (&self->after_label, gtk_widget_unparent);

  G_OBJECT_CLASS (variete_compare_view_parent_class)->dispose (object);
}

static void
variete_compare_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VarieteCompareView *self = VARIETE_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_BEFORE:
      g_value_set_object (value, self->before);
      break;

    case PROP_AFTER:
      g_value_set_object (value, self->after);
      break;

    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_compare_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VarieteCompareView *self = VARIETE_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_BEFORE:
      variete_compare_view_set_before (self, g_value_get_object (value));
      break;

    case PROP_AFTER:
      variete_compare_view_set_after (self, g_value_get_object (value));
      break;

    case PROP_POSITION:
      variete_compare_view_set_position (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_compare_view_class_init (VarieteCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = variete_compare_view_dispose;
  object_class->get_property = variete_compare_view_get_property;
  object_class->set_property = variete_compare_view_set_property;

  widget_class->snapshot = variete_compare_view_snapshot;
  widget_class->measure = variete_compare_view_measure;
  widget_class->size_allocate = variete_compare_view_size_allocate;

  properties [PROP_BEFORE] =
    g_param_spec_object ("before", NULL, NULL,
                         GDK_TYPE_PAINTABLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_AFTER] =
    g_param_spec_object ("after", NULL, NULL,
                         GDK_TYPE_PAINTABLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL,
                         0.0, 1.0, 0.5,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "compareview");
  /* An image to assistive technologies: the window's scale is the slider they use. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static GtkWidget *
new_side_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "compare-label");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_can_target (label, FALSE);

  return label;
}

static void
variete_compare_view_init (VarieteCompareView *self)
{
  GtkGesture *drag;
  GtkWidget *icon;

  self->position = 0.5;

  /* A slider the pointer moves; the keyboard moves it through the window's scale. */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "col-resize");

  self->before_label = new_side_label (C_("comparison", "Before"));
  gtk_widget_set_parent (self->before_label, GTK_WIDGET (self));
  self->after_label = new_side_label (C_("comparison", "After"));
  gtk_widget_set_parent (self->after_label, GTK_WIDGET (self));

  self->handle = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->handle, "compare-handle");
  gtk_widget_set_can_target (self->handle, FALSE);
  icon = gtk_image_new_from_icon_name ("pan-start-symbolic");
  gtk_box_append (GTK_BOX (self->handle), icon);
  icon = gtk_image_new_from_icon_name ("pan-end-symbolic");
  gtk_box_append (GTK_BOX (self->handle), icon);
  gtk_widget_set_parent (self->handle, GTK_WIDGET (self));

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The result over its source"),
                                  -1);
}
