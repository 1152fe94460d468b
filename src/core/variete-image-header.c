/* variete-image-header.c
 *
 * What kind of image a body is, judged from its header rather than from what the server says
 * it is (API.md, Poll: results are PNG, JPEG or WebP). Nothing is decoded past the size, so
 * this is cheap enough for the main loop, and the same under GdkPixbuf's loaders and glycin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-image-header.h"

#include <string.h>

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
read_le32 (const guint8 *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static gboolean
read_png (const guint8 *data,
          gsize         size,
          guint        *width,
          guint        *height)
{
  static const guint8 magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  const guint8 *ihdr = data + sizeof magic;
  guint8 depth, color;

  /* The signature, then IHDR (length 13) first of all chunks, then its CRC. */
  if (size < sizeof magic + 8 + 13 + 4 || memcmp (data, magic, sizeof magic) != 0)
    return FALSE;

  if (read_be32 (ihdr) != 13 || memcmp (ihdr + 4, "IHDR", 4) != 0)
    return FALSE;

  *width = read_be32 (ihdr + 8);
  *height = read_be32 (ihdr + 12);
  depth = ihdr[16];
  color = ihdr[17];

  return *width > 0 && *height > 0 && *width <= G_MAXINT32 && *height <= G_MAXINT32 &&
         (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16) &&
         (color == 0 || color == 2 || color == 3 || color == 4 || color == 6);
}

static gboolean
is_jpeg_frame_marker (guint8 marker)
{
  /* SOF0–SOF15, less DHT (C4), JPG (C8) and DAC (CC). */
  return marker >= 0xc0 && marker <= 0xcf &&
         marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

static gboolean
read_jpeg (const guint8 *data,
           gsize         size,
           guint        *width,
           guint        *height)
{
  gsize offset = 2;

  if (size < 4 || data[0] != 0xff || data[1] != 0xd8)
    return FALSE;

  /* Segments up to the first frame header, which holds the size. */
  while (offset + 4 <= size)
    {
      guint8 marker;
      gsize length;

      if (data[offset] != 0xff)
        return FALSE;

      marker = data[offset + 1];
      if (marker == 0xff)
        {
          offset++;  /* fill byte */
          continue;
        }

      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        {
          offset += 2;
          continue;
        }

      /* Image data or the end before any frame: not an image we can read. */
      if (marker == 0xd8 || marker == 0xd9 || marker == 0xda || marker == 0x00)
        return FALSE;

      length = ((gsize) data[offset + 2] << 8) | data[offset + 3];
      if (length < 2 || offset + 2 + length > size)
        return FALSE;

      if (is_jpeg_frame_marker (marker))
        {
          const guint8 *frame = data + offset + 4;

          if (length < 8)
            return FALSE;

          *height = ((guint) frame[1] << 8) | frame[2];
          *width = ((guint) frame[3] << 8) | frame[4];

          return *width > 0 && *height > 0 && frame[5] > 0;
        }

      offset += 2 + length;
    }

  return FALSE;
}

static gboolean
read_webp (const guint8 *data,
           gsize         size,
           guint        *width,
           guint        *height)
{
  const guint8 *chunk = data + 12;
  const guint8 *payload = data + 20;
  guint32 riff_size;

  if (size < 30 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WEBP", 4) != 0)
    return FALSE;

  /* The RIFF container says how long it is: a body cut short is refused here. */
  riff_size = read_le32 (data + 4);
  if (riff_size < 4 + 8 + 10 || (guint64) riff_size + 8 > size)
    return FALSE;

  if (memcmp (chunk, "VP8 ", 4) == 0)
    {
      /* A key frame: 3 bytes of frame tag, the start code, then 14-bit width and height. */
      if ((payload[0] & 0x01) != 0 || payload[3] != 0x9d || payload[4] != 0x01 ||
          payload[5] != 0x2a)
        return FALSE;

      *width = (payload[6] | ((guint) payload[7] << 8)) & 0x3fff;
      *height = (payload[8] | ((guint) payload[9] << 8)) & 0x3fff;
    }
  else if (memcmp (chunk, "VP8L", 4) == 0)
    {
      guint32 bits;

      if (payload[0] != 0x2f)
        return FALSE;

      bits = read_le32 (payload + 1);
      *width = (bits & 0x3fff) + 1;
      *height = ((bits >> 14) & 0x3fff) + 1;
    }
  else if (memcmp (chunk, "VP8X", 4) == 0)
    {
      *width = (payload[4] | ((guint) payload[5] << 8) | ((guint) payload[6] << 16)) + 1;
      *height = (payload[7] | ((guint) payload[8] << 8) | ((guint) payload[9] << 16)) + 1;
    }
  else
    {
      return FALSE;
    }

  return *width > 0 && *height > 0;
}

const char *
variete_image_header_read (const guint8 *data,
                           gsize         size,
                           guint        *width,
                           guint        *height)
{
  guint w = 0, h = 0;
  const char *type = NULL;

  if (data == NULL)
    return NULL;

  if (read_png (data, size, &w, &h))
    type = "image/png";
  else if (read_jpeg (data, size, &w, &h))
    type = "image/jpeg";
  else if (read_webp (data, size, &w, &h))
    type = "image/webp";

  if (width != NULL)
    *width = type ? w : 0;
  if (height != NULL)
    *height = type ? h : 0;

  return type;
}
