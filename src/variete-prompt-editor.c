/* variete-prompt-editor.c
 *
 * A multi-line prompt with a live word counter. The server silently drops every word past its
 * limit, so the editor says so and strikes through the words that will not be used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-prompt-editor.h"
#include "variete-request.h"

#define MIN_TEXT_HEIGHT 72
#define MAX_TEXT_HEIGHT 220

struct _VarietePromptEditor
{
  GtkWidget    parent_instance;

  char        *text;
  guint        max_words;
  guint        n_words;
  /* The depth of the buffer's user actions: a paste over a selection deletes and then inserts,
   * and the text is published once, when the action ends. */
  guint        user_action_depth;
  guint        height_idle_id;
  guint        over_limit : 1;
  guint        text_dirty : 1;
  /* Set while the buffer is written from the "text" property, so that the buffer's "changed"
   * does not write the same text back. */
  guint        updating_buffer : 1;

  GtkLabel    *title_label;
  GtkLabel    *counter_label;
  GtkWidget   *frame;
  GtkWidget   *scroller;
  GtkTextView *text_view;
  GtkLabel    *placeholder_label;
  GtkWidget   *message_box;
  GtkLabel    *message_label;
  GtkTextTag  *cut_tag;
};

G_DEFINE_FINAL_TYPE (VarietePromptEditor, variete_prompt_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_PLACEHOLDER,
  PROP_TEXT,
  PROP_MAX_WORDS,
  PROP_N_WORDS,
  PROP_OVER_LIMIT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

GtkWidget *
variete_prompt_editor_new (void)
{
  return g_object_new (VARIETE_TYPE_PROMPT_EDITOR, NULL);
}

static char *
dup_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Colours the struck-through words with the theme's error colour; tags cannot be styled with
 * CSS, so the named colour is looked up again whenever the style changes (dark, high contrast). */
static void
update_cut_tag_color (VarietePromptEditor *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self->text_view));
  GdkRGBA color;

  if (gtk_style_context_lookup_color (context, "error_color", &color))
    g_object_set (self->cut_tag, "foreground-rgba", &color, NULL);
}

static gboolean
update_height_cb (gpointer data)
{
  VarietePromptEditor *self = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter end;
  int y, height;

  self->height_idle_id = 0;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_view_get_line_yrange (self->text_view, &end, &y, &height);
  height += y + gtk_text_view_get_top_margin (self->text_view) +
            gtk_text_view_get_bottom_margin (self->text_view);

  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller),
                                              CLAMP (height, MIN_TEXT_HEIGHT, MAX_TEXT_HEIGHT));

  return G_SOURCE_REMOVE;
}

/* The frame grows with the text, from three lines up to about ten, then scrolls. The text
 * view's size request lags behind its layout (lines are measured in idles), so the height is
 * taken from the layout once it has settled, whenever the text or its wrapping changes. */
static void
queue_update_height (VarietePromptEditor *self)
{
  if (self->height_idle_id == 0)
    self->height_idle_id = g_idle_add_full (G_PRIORITY_LOW, update_height_cb, self, NULL);
}

static void
update_counter (VarietePromptEditor *self)
{
  g_autofree char *counter = NULL;
  g_autofree char *message = NULL;
  g_autofree char *description = NULL;
  guint n_cut = self->over_limit ? self->n_words - self->max_words : 0;

  /* Translators: a word count against its limit, e.g. "12 / 256 words". */
  counter = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u / %u word", "%u / %u words",
                                          self->max_words),
                             self->n_words, self->max_words);
  gtk_label_set_label (self->counter_label, counter);

  if (self->over_limit)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "warning");
      gtk_widget_add_css_class (self->frame, "warning");
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The server will cut the last %u word, struck "
                                              "through above: it reads only the first %u.",
                                              "The server will cut the last %u words, struck "
                                              "through above: it reads only the first %u.",
                                              n_cut),
                                 n_cut, self->max_words);
      gtk_label_set_label (self->message_label, message);
      description = g_strdup_printf ("%s. %s", counter, message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "dim-label");
      gtk_widget_remove_css_class (self->frame, "warning");
    }

  gtk_widget_set_visible (self->message_box, self->over_limit);

  /* GTK 4.8 does not pass a described-by relation on to screen readers as a description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : counter,
                                  -1);
}

/* Counts the words, marks the ones past the limit and updates the counter. */
static void
update_words (VarietePromptEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = dup_buffer_text (buffer);
  GtkTextIter start, end;
  guint n_words = variete_count_words (text);
  gboolean over_limit = n_words > self->max_words;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->cut_tag, &start, &end);

  if (over_limit)
    {
      gsize cut = variete_words_cut_offset (text, self->max_words);

      gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                          (int) g_utf8_pointer_to_offset (text, text + cut));
      gtk_text_buffer_apply_tag (buffer, self->cut_tag, &start, &end);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_label), text[0] == '\0');
  queue_update_height (self);

  if (n_words != self->n_words)
    {
      self->n_words = n_words;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_WORDS]);
    }

  if (over_limit != self->over_limit)
    {
      self->over_limit = over_limit;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OVER_LIMIT]);
    }

  update_counter (self);
}

static void
publish_text (VarietePromptEditor *self,
              GtkTextBuffer       *buffer)
{
  g_autofree char *text = dup_buffer_text (buffer);

  self->text_dirty = FALSE;

  if (g_strcmp0 (text, self->text) == 0)
    return;

  g_free (self->text);
  self->text = g_steal_pointer (&text);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
}

static void
buffer_changed_cb (VarietePromptEditor *self,
                   GtkTextBuffer       *buffer)
{
  update_words (self);

  if (self->updating_buffer)
    return;

  if (self->user_action_depth > 0)
    self->text_dirty = TRUE;
  else
    publish_text (self, buffer);
}

static void
buffer_begin_user_action_cb (VarietePromptEditor *self,
                             GtkTextBuffer       *buffer)
{
  self->user_action_depth++;
}

static void
buffer_end_user_action_cb (VarietePromptEditor *self,
                           GtkTextBuffer       *buffer)
{
  g_return_if_fail (self->user_action_depth > 0);

  if (--self->user_action_depth == 0 && self->text_dirty)
    publish_text (self, buffer);
}

const char *
variete_prompt_editor_get_title (VarietePromptEditor *self)
{
  g_return_val_if_fail (VARIETE_IS_PROMPT_EDITOR (self), NULL);

  return gtk_label_get_label (self->title_label);
}

/* @title may have a mnemonic: "_Prompt". */
void
variete_prompt_editor_set_title (VarietePromptEditor *self,
                                 const char          *title)
{
  g_return_if_fail (VARIETE_IS_PROMPT_EDITOR (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;

  gtk_label_set_label (self->title_label, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

const char *
variete_prompt_editor_get_placeholder (VarietePromptEditor *self)
{
  g_return_val_if_fail (VARIETE_IS_PROMPT_EDITOR (self), NULL);

  return gtk_label_get_label (self->placeholder_label);
}

/* The hint shown while the prompt is empty. */
void
variete_prompt_editor_set_placeholder (VarietePromptEditor *self,
                                       const char          *placeholder)
{
  g_return_if_fail (VARIETE_IS_PROMPT_EDITOR (self));

  if (g_strcmp0 (placeholder, gtk_label_get_label (self->placeholder_label)) == 0)
    return;

  gtk_label_set_label (self->placeholder_label, placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, placeholder,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLACEHOLDER]);
}

const char *
variete_prompt_editor_get_text (VarietePromptEditor *self)
{
  g_return_val_if_fail (VARIETE_IS_PROMPT_EDITOR (self), NULL);

  return self->text;
}

/* Replaces the whole text, e.g. when the request is reset or restored; %NULL means empty. */
void
variete_prompt_editor_set_text (VarietePromptEditor *self,
                                const char          *text)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (VARIETE_IS_PROMPT_EDITOR (self));

  if (text == NULL)
    text = "";

  if (g_strcmp0 (text, self->text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->updating_buffer = TRUE;
  gtk_text_buffer_set_text (buffer, text, -1);
  self->updating_buffer = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
}

guint
variete_prompt_editor_get_max_words (VarietePromptEditor *self)
{
  g_return_val_if_fail (VARIETE_IS_PROMPT_EDITOR (self), 0);

  return self->max_words;
}

/* The number of words the server reads; the rest are marked as cut. */
void
variete_prompt_editor_set_max_words (VarietePromptEditor *self,
                                     guint                max_words)
{
  g_return_if_fail (VARIETE_IS_PROMPT_EDITOR (self));

  if (self->max_words == max_words)
    return;

  self->max_words = max_words;
  update_words (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MAX_WORDS]);
}

/* Returns: the number of words as the server counts them */
guint
variete_prompt_editor_get_n_words (VarietePromptEditor *self)
{
  g_return_val_if_fail (VARIETE_IS_PROMPT_EDITOR (self), 0);

  return self->n_words;
}

/* Returns: whether the server will cut some of the words */
gboolean
variete_prompt_editor_get_over_limit (VarietePromptEditor *self)
{
  g_return_val_if_fail (VARIETE_IS_PROMPT_EDITOR (self), FALSE);

  return self->over_limit;
}

/* Returns: (transfer none): the buffer; its tag %VARIETE_PROMPT_EDITOR_CUT_TAG marks the words
 *   the server will cut */
GtkTextBuffer *
variete_prompt_editor_get_buffer (VarietePromptEditor *self)
{
  g_return_val_if_fail (VARIETE_IS_PROMPT_EDITOR (self), NULL);

  return gtk_text_view_get_buffer (self->text_view);
}

/* Returns: (transfer none): the text view, the control that takes the focus */
GtkWidget *
variete_prompt_editor_get_text_view (VarietePromptEditor *self)
{
  g_return_val_if_fail (VARIETE_IS_PROMPT_EDITOR (self), NULL);

  return GTK_WIDGET (self->text_view);
}

static gboolean
variete_prompt_editor_grab_focus (GtkWidget *widget)
{
  VarietePromptEditor *self = VARIETE_PROMPT_EDITOR (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static gboolean
variete_prompt_editor_mnemonic_activate (GtkWidget *widget,
                                         gboolean   group_cycling)
{
  VarietePromptEditor *self = VARIETE_PROMPT_EDITOR (widget);

  return gtk_widget_mnemonic_activate (GTK_WIDGET (self->text_view), group_cycling);
}

static void
variete_prompt_editor_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  VarietePromptEditor *self = VARIETE_PROMPT_EDITOR (widget);

  GTK_WIDGET_CLASS (variete_prompt_editor_parent_class)->css_changed (widget, change);

  update_cut_tag_color (self);
}

static void
variete_prompt_editor_dispose (GObject *object)
{
  VarietePromptEditor *self = VARIETE_PROMPT_EDITOR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->height_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), VARIETE_TYPE_PROMPT_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  self->cut_tag = NULL;

  G_OBJECT_CLASS (variete_prompt_editor_parent_class)->dispose (object);
}

static void
variete_prompt_editor_finalize (GObject *object)
{
  VarietePromptEditor *self = VARIETE_PROMPT_EDITOR (object);

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (variete_prompt_editor_parent_class)->finalize (object);
}

static void
variete_prompt_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VarietePromptEditor *self = VARIETE_PROMPT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, variete_prompt_editor_get_title (self));
      break;

    case PROP_PLACEHOLDER:
      g_value_set_string (value, variete_prompt_editor_get_placeholder (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_MAX_WORDS:
      g_value_set_uint (value, self->max_words);
      break;

    case PROP_N_WORDS:
      g_value_set_uint (value, self->n_words);
      break;

    case PROP_OVER_LIMIT:
      g_value_set_boolean (value, self->over_limit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_prompt_editor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  VarietePromptEditor *self = VARIETE_PROMPT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      variete_prompt_editor_set_title (self, g_value_get_string (value));
      break;

    case PROP_PLACEHOLDER:
      variete_prompt_editor_set_placeholder (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      variete_prompt_editor_set_text (self, g_value_get_string (value));
      break;

    case PROP_MAX_WORDS:
      variete_prompt_editor_set_max_words (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_prompt_editor_class_init (VarietePromptEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = variete_prompt_editor_dispose;
  object_class->finalize = variete_prompt_editor_finalize;
  object_class->get_property = variete_prompt_editor_get_property;
  object_class->set_property = variete_prompt_editor_set_property;

  widget_class->grab_focus = variete_prompt_editor_grab_focus;
  widget_class->mnemonic_activate = variete_prompt_editor_mnemonic_activate;
  widget_class->css_changed = variete_prompt_editor_css_changed;

  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PLACEHOLDER] =
    g_param_spec_string ("placeholder", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MAX_WORDS] =
    g_param_spec_uint ("max-words", NULL, NULL,
                       1, G_MAXUINT, VARIETE_MAX_PROMPT_WORDS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_N_WORDS] =
    g_param_spec_uint ("n-words", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_OVER_LIMIT] =
    g_param_spec_boolean ("over-limit", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-prompt-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VarietePromptEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, VarietePromptEditor, counter_label);
  gtk_widget_class_bind_template_child (widget_class, VarietePromptEditor, frame);
  gtk_widget_class_bind_template_child (widget_class, VarietePromptEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, VarietePromptEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, VarietePromptEditor, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, VarietePromptEditor, message_box);
  gtk_widget_class_bind_template_child (widget_class, VarietePromptEditor, message_label);

  gtk_widget_class_set_css_name (widget_class, "prompteditor");
}

static void
variete_prompt_editor_init (VarietePromptEditor *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->text = g_strdup ("");
  self->max_words = VARIETE_MAX_PROMPT_WORDS;

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->cut_tag = gtk_text_buffer_create_tag (buffer, VARIETE_PROMPT_EDITOR_CUT_TAG,
                                              "strikethrough", TRUE,
                                              NULL);
  update_cut_tag_color (self);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "begin-user-action", G_CALLBACK (buffer_begin_user_action_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "end-user-action", G_CALLBACK (buffer_end_user_action_cb),
                           self, G_CONNECT_SWAPPED);

  /* The text's height changes with the text, and with the width that wraps it. */
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)),
                           "notify::upper", G_CALLBACK (queue_update_height), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->text_view)),
                           "notify::page-size", G_CALLBACK (queue_update_height), self,
                           G_CONNECT_SWAPPED);

  update_words (self);
}
