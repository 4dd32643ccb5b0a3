/*
 * VGA text console. Each cell is a 16-bit word: character in the low byte,
 * attribute (background << 4 | foreground) in the high byte. The buffer
 * is reached through the direct map, which covers the first megabyte from
 * the boot page tables on.
 */
#include <stdint.h>
#include <x86/cpufunc.h>
#include "kernel/dev/vga.h"
#include "pmap/pmap.h"

#define VGA_PA          0xb8000
#define VGA_COLS        80
#define VGA_ROWS        25
#define VGA_ATTR        0x07    /* light grey on black */
#define CRTC_INDEX      0x3d4
#define CRTC_DATA       0x3d5
#define CRTC_CURSOR_HI  0x0e
#define CRTC_CURSOR_LO  0x0f

static volatile uint16_t *vga;
static int row, col;

static void vga_cursor(void)
{
	unsigned pos = row * VGA_COLS + col;

	outb(CRTC_INDEX, CRTC_CURSOR_HI);
	outb(CRTC_DATA, pos >> 8);
	outb(CRTC_INDEX, CRTC_CURSOR_LO);
	outb(CRTC_DATA, pos & 0xff);
}

void vga_init(void)
{
	vga = (volatile uint16_t *)PMAP_DIRECT_MAP(VGA_PA);
	for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
		vga[i] = VGA_ATTR << 8 | ' ';
	row = col = 0;
	vga_cursor();
}

static void vga_scroll(void)
{
	for (int i = 0; i < VGA_COLS * (VGA_ROWS - 1); i++)
		vga[i] = vga[i + VGA_COLS];
	for (int i = 0; i < VGA_COLS; i++)
		vga[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR << 8 | ' ';
	row = VGA_ROWS - 1;
}

void vga_putc(int c)
{
	if (!vga)
		return;
	if (c == '\n') {
		col = 0;
		row++;
	} else if (c == '\r') {
		col = 0;
	} else if (c == '\b') {
		if (col)
			col--;
	} else {
		vga[row * VGA_COLS + col] = VGA_ATTR << 8 | (c & 0xff);
		if (++col == VGA_COLS) {
			col = 0;
			row++;
		}
	}
	if (row == VGA_ROWS)
		vga_scroll();
	vga_cursor();
}

bool vga_screen_contains(const char *s)
{
	for (int r = 0; r < VGA_ROWS; r++) {
		for (int c = 0; c < VGA_COLS; c++) {
			int k = 0;
			while (s[k] && c + k < VGA_COLS &&
			    (vga[r * VGA_COLS + c + k] & 0xff) == (unsigned char)s[k])
				k++;
			if (s[k] == '\0')
				return true;
		}
	}
	return false;
}
