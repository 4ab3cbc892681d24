package privacy

import "testing"

func TestMasks(t *testing.T) {
	cases := []struct{ got, want string }{
		{MaskIDNumber("33082419800101123X"), "330824********123X"},
		{MaskIDNumber("1234"), "****"},
		{MaskPhone("13812341234"), "138****1234"},
		{MaskPhone("123456"), "******"},
		{MaskAddress("浙江省衢州市开化县桐村镇"), "浙江省衢州市****"},
		{MaskAddress("开化县"), "***"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
